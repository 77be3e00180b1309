import { flagsOf, helpText as settingsHelp, nameFlags as nameSettingFlags, parseFlags, UsageError, type CommandLine } from '@tributary/service-kit';
import { settings } from '../config.ts';

export { UsageError };

/** The command line's flags, from the settings table, and `--help`. */
export const FLAGS = [...flagsOf(settings).map(({ flag }) => flag), { name: 'help' }];

/** Parses the command line into the environment variables it sets, or a request for help. */
export const parseCliArgs = (argv: readonly string[]): CommandLine => parseFlags(settings, argv);

/** `PORT: …` becomes `--port / PORT: …`, so the message names what the user typed. */
export const nameFlags = (problem: string): string => nameSettingFlags(settings, problem);

export const helpText = (): string =>
  settingsHelp(settings, {
    usage: 'Usage: tributary-gateway [options]',
    summary: `An Apollo Federation 2 gateway: serves one GraphQL endpoint at http://<host>:<port>/graphql over
      your subgraphs, with GET /health (live) and GET /ready (a supergraph is loaded and every subgraph
      answers). Give it a supergraph with --supergraph or --config. Flags win over their environment variables.`,
    notes: [
      `Reloading: when the supergraph file, the config or a subgraph SDL file it lists changes, or on
      SIGHUP, the gateway loads the supergraph again and swaps it in without a restart; requests in
      flight finish on the schema they started with. If the new supergraph cannot be loaded, the last
      good one stays served and the log says why. At start, problems are printed and the exit code is 1
      (2 for a bad command line).`,
    ],
  });
