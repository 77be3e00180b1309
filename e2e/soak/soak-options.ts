import { parseArgs } from 'node:util';

export interface SoakOptions {
  /** How long the traffic runs. @default 10 */
  minutes: number;
  /** Seconds between progress lines (throughput, latency, errors and RSS of each). @default 60 */
  intervalSeconds: number;
  /**
   * RSS growth is measured from the end of this interval (1-based) to the end of the run: the
   * first intervals are warm-up (JIT, caches, connection pools). @default 2
   */
  growthFrom: number;
  /** The run fails when any service's RSS grew by this much, in percent, or more. @default 10 */
  maxGrowthPercent: number;
  /** Clients sending at once. @default 8 */
  concurrency: number;
  /**
   * Requests per second, all clients together: a steady rate, so the services' memory is measured
   * under the same load from start to end, not under whatever the shared machine allows each
   * minute. @default 15
   */
  rate: number;
  /** Seed of the hostile requests. @default 20260101 */
  seed: number;
}

export const usage = `Usage: npm run soak -- [options]

Runs the whole stack (every service a process, PostgreSQL, dynalite, a private redis-server) under
mixed traffic: storefront reads, persisted GETs, signed-in reads and writes, hostile input. Prints
a progress line per interval and exits non-zero on any 5xx, an unexpected error code, or RSS growth
of a service of --max-growth percent or more between interval --growth-from and the end.

Options:
  --minutes <n>       How long the traffic runs (default 10).
  --interval <s>      Seconds between progress lines (default 60).
  --growth-from <n>   The interval whose end RSS growth is measured from (default 2).
  --max-growth <pct>  RSS growth that fails the run (default 10).
  --concurrency <n>   Clients sending at once (default 8).
  --rate <n>          Requests per second, all clients together (default 15).
  --seed <n>          Seed of the hostile requests (default 20260101).
  --help              Print this help.`;

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number, got "${value}"`);
  return number;
};

/** The soak's options from its command line; `undefined` when help was asked for. */
export function parseSoakOptions(args: string[]): SoakOptions | undefined {
  const { values } = parseArgs({
    args,
    options: {
      minutes: { type: 'string' },
      interval: { type: 'string' },
      'growth-from': { type: 'string' },
      'max-growth': { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  const options = {
    minutes: positive('minutes', values.minutes, 10),
    intervalSeconds: positive('interval', values.interval, 60),
    growthFrom: Math.floor(positive('growth-from', values['growth-from'], 2)),
    maxGrowthPercent: positive('max-growth', values['max-growth'], 10),
    concurrency: Math.floor(positive('concurrency', values.concurrency, 8)),
    rate: positive('rate', values.rate, 15),
    seed: Math.floor(positive('seed', values.seed, 20_260_101)),
  };
  const intervals = Math.round((options.minutes * 60) / options.intervalSeconds);
  if (options.growthFrom >= intervals) {
    throw new Error(`--growth-from ${options.growthFrom} leaves nothing to measure in ${intervals} intervals of ${options.intervalSeconds} s`);
  }
  return options;
}
