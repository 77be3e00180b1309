import { parseArgs } from 'node:util';
import type { Flag, SettingsTable } from './settings.ts';

/** A command line that cannot be understood: exit code 2, with a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type CommandLine = { help: true } | { help: false; env: Record<string, string> };

/** Each flag of `settings` with the variable it stands for, in table order. */
export const flagsOf = (settings: SettingsTable): { env: string; flag: Flag }[] =>
  Object.entries(settings.settings).flatMap(([env, row]) => (row.flag ? [{ env, flag: row.flag }] : []));

/**
 * Parses `argv` into the environment variables its flags stand for (to be laid over the
 * environment: flags win), or a request for `--help`. Every flag comes from the settings table.
 */
export function parseFlags(settings: SettingsTable, argv: readonly string[]): CommandLine {
  const flags = flagsOf(settings);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries([
        ...flags.map(({ flag }) => [flag.name, { type: flag.value ? 'string' : 'boolean' }] as const),
        ['help', { type: 'boolean' }] as const,
      ]),
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    // parseArgs' messages name the flag; the rest of them point at positionals we never take.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  if (parsed.values.help) return { help: true };
  const env: Record<string, string> = {};
  for (const { env: name, flag } of flags) {
    const value = parsed.values[flag.name];
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${flag.name} needs a value`);
    env[name] = typeof value === 'string' ? value : (flag.sets ?? 'true');
  }
  return { help: false, env };
}

/** `PORT: …` becomes `--port / PORT: …`, so a problem names what the user typed. */
export function nameFlags(settings: SettingsTable, problem: string): string {
  const found = flagsOf(settings).find(({ env }) => problem.startsWith(`${env}:`));
  return found ? `--${found.flag.name} / ${problem}` : problem;
}
