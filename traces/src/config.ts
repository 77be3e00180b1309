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

export const configSchema = z.object({
  /** Where the collector listens for segments. Unset: AWS_XRAY_DAEMON_ADDRESS, so services and viewer agree. */
  TRACES_UDP_ADDRESS: daemonAddress.optional(),
  AWS_XRAY_DAEMON_ADDRESS: daemonAddress.default(parseDaemonAddress('127.0.0.1:2000')),
  /** HTTP port of the viewer pages, on the UDP address's host. 0: any free port. */
  TRACES_PORT: z.coerce.number().int().min(0).max(65535).default(2999),
  /** Port of the OTLP/HTTP receiver (`POST /v1/traces`), on the UDP address's host. 0: any free port. */
  TRACES_OTLP_PORT: z.coerce.number().int().min(0).max(65535).default(4318),
  /** How many traces are kept; older ones are dropped. */
  TRACES_MAX: z.coerce.number().int().min(1).max(10_000).default(200),
  /** No terminal waterfalls (the HTML pages still show every trace). Also `--quiet`. */
  TRACES_QUIET: flag.default(false),
});

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
  const problems: string[] = argv.filter((arg) => arg !== '--quiet').map((arg) => `unknown argument ${arg}`);
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    problems.push(...result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
  }
  if (problems.length > 0 || !result.success) {
    throw new Error(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  const values = result.data;
  return {
    udpAddress: formatAddress(values.TRACES_UDP_ADDRESS ?? values.AWS_XRAY_DAEMON_ADDRESS),
    httpPort: values.TRACES_PORT,
    otlpPort: values.TRACES_OTLP_PORT,
    maxTraces: values.TRACES_MAX,
    quiet: values.TRACES_QUIET || argv.includes('--quiet'),
  };
}

export const readConfig = (): TracesConfig => parseConfig(process.env, process.argv.slice(2));
