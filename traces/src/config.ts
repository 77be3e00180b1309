import { ConfigError, defineSettings, flagsOf } from '@tributary/service-kit';
import { z } from 'zod';
import { formatAddress, parseDaemonAddress } from './daemon-address.ts';

const flag = z.enum(['1', '0', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const daemonAddress = z.string().transform((text, context) => {
  try {
    return parseDaemonAddress(text);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

export const settings = defineSettings({
  service: 'npm run traces',
  settings: {
    TRACES_UDP_ADDRESS: {
      type: daemonAddress,
      shownDefault: 'AWS_XRAY_DAEMON_ADDRESS',
      description: 'Where the collector listens for segments; `:0` picks a free port. Unset: AWS_XRAY_DAEMON_ADDRESS, so services and viewer agree.',
    },
    AWS_XRAY_DAEMON_ADDRESS: {
      type: daemonAddress,
      default: parseDaemonAddress('127.0.0.1:2000'),
      shownDefault: '127.0.0.1:2000',
      description: 'Where the services send their segments (`host:port` or `udp:host:port tcp:host:port`).',
    },
    TRACES_PORT: { type: z.coerce.number().int().min(0).max(65535), default: 2999, description: "HTTP port of the viewer's pages, on the UDP address's host; `0`: any free port." },
    TRACES_OTLP_PORT: {
      type: z.coerce.number().int().min(0).max(65535),
      default: 4318,
      description: "Port of the viewer's OTLP/HTTP receiver (`POST /v1/traces`, where the services' `OTEL_EXPORTER_OTLP_ENDPOINT` points), on the UDP address's host; `0`: any free port.",
    },
    TRACES_MAX: { type: z.coerce.number().int().min(1).max(10_000), default: 200, description: 'How many traces are kept; older ones are dropped.' },
    TRACES_QUIET: {
      type: flag,
      default: false,
      shownDefault: '0',
      flag: { name: 'quiet', sets: '1' },
      description: '`1`: no waterfalls in the terminal (the HTML pages still show every trace).',
    },
  },
});

export const configSchema = settings.schema;

export interface TracesConfig {
  /** `host:port` to listen on for segments. */
  udpAddress: string;
  httpPort: number;
  otlpPort: number;
  maxTraces: number;
  quiet: boolean;
}

/**
 * Validates the environment and the command line at once, reporting every problem together.
 * Empty values count as unset. The only place this package reads process.env.
 */
export function parseConfig(env: Record<string, string | undefined>, argv: readonly string[]): TracesConfig {
  const flags = new Map(flagsOf(settings).map(({ env: name, flag: f }) => [`--${f.name}`, [name, f.sets ?? 'true'] as const]));
  const problems = argv.filter((arg) => !flags.has(arg)).map((arg) => `unknown argument ${arg}`);
  const fromFlags = Object.fromEntries(argv.flatMap((arg) => (flags.has(arg) ? [flags.get(arg)!] : [])));
  let values: ReturnType<typeof settings.parse> | undefined;
  try {
    values = settings.parse({ ...env, ...fromFlags });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !values) throw new ConfigError(problems);
  return {
    udpAddress: formatAddress(values.TRACES_UDP_ADDRESS ?? values.AWS_XRAY_DAEMON_ADDRESS),
    httpPort: values.TRACES_PORT,
    otlpPort: values.TRACES_OTLP_PORT,
    maxTraces: values.TRACES_MAX,
    quiet: values.TRACES_QUIET,
  };
}

export const readConfig = (): TracesConfig => parseConfig(process.env, process.argv.slice(2));
