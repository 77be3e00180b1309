import { ConfigError, createLogger, exitOnShutdownSignals } from '@tributary/service-kit';
import { helpText, nameFlags, parseCliArgs, UsageError } from './args.ts';
import { readConfig, settings, type GatewayConfig } from '../config.ts';
import { createGateway } from '../gateway.ts';
import type { AuthenticationOptions } from '../auth/auth.ts';
import { SupergraphError } from '../supergraph/errors.ts';

/** What to print, and the exit code, when the gateway cannot start. */
export function startFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) {
    return { message: `tributary-gateway: ${error.message}\nRun tributary-gateway --help for the options.`, exitCode: 2 };
  }
  if (error instanceof ConfigError) {
    return { message: `tributary-gateway: invalid configuration\n${error.problems.map((p) => `  - ${nameFlags(p)}`).join('\n')}`, exitCode: 1 };
  }
  if (error instanceof SupergraphError) return { message: `tributary-gateway: ${error.message}`, exitCode: 1 };
  return { message: `tributary-gateway failed to start: ${(error as Error).stack ?? String(error)}`, exitCode: 1 };
}

/** The gateway's options and where to listen, as the configuration says; the table maps each setting to its option. */
export function optionsFrom(config: GatewayConfig) {
  if (!config.SUPERGRAPH_PATH && !config.SUPERGRAPH_CONFIG) {
    throw new UsageError('no supergraph: give --supergraph <file> (SUPERGRAPH_PATH) or --config <supergraph.yaml> (SUPERGRAPH_CONFIG)');
  }
  const { listen, authentication, ...options } = settings.options(config);
  const production = config.NODE_ENV === 'production';
  return {
    listen,
    options: {
      ...options,
      // The configuration's checks make issuer and audience present whenever a JWKS is.
      ...(config.AUTH_JWKS_URL ? { authentication: authentication as AuthenticationOptions } : {}),
      introspection: !production,
      costSummary: !production,
      logger: createLogger('gateway', config.LOG_LEVEL),
    },
  };
}

/** `tributary-gateway [options]`: parse, validate, load the supergraph, listen; SIGHUP reloads. */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    const command = parseCliArgs(argv);
    if (command.help) {
      process.stdout.write(helpText());
      return;
    }
    const { listen, options } = optionsFrom(readConfig(command.env));
    const gateway = createGateway(options);
    const service = await gateway.listen(listen);
    process.on('SIGHUP', () => void gateway.reload('SIGHUP'));
    exitOnShutdownSignals(service, options.logger);
  } catch (error) {
    const { message, exitCode } = startFailure(error);
    console.error(message);
    process.exit(exitCode);
  }
}
