import { isClientError } from '@tributary/service-kit';
import type { Stack } from '@tributary/stack';
import { growthPercent, residentMiB } from './rss.ts';
import type { SoakOptions } from './soak-options.ts';
import { mixedTraffic, type Outcome } from './traffic.ts';

/** What one interval measured. */
export interface Interval {
  index: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Every error code seen, with its count, expected or not. */
  errors: Record<string, number>;
  /** The codes (and statuses) that should not have happened. */
  unexpected: Record<string, number>;
  serverErrors: number;
  /**
   * Resident set of each service over the interval, MiB: the median of samples every
   * RSS_SAMPLE_SECONDS, so one spike (a hostile 1 MiB body, a GC not yet run) is not taken for
   * the level.
   */
  rssMiB: Record<string, number>;
}

export interface SoakReport {
  intervals: Interval[];
  /** RSS growth of each service from the end of interval `growthFrom` to the end, percent. */
  growth: Record<string, number>;
  /** Why the run failed; empty when it passed. */
  problems: string[];
}

const RSS_SAMPLE_SECONDS = 5;

/** The p-th percentile (nearest rank) of unsorted values; 0 for none. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const tally = (counts: Record<string, number>, key: string) => void (counts[key] = (counts[key] ?? 0) + 1);

/**
 * Whether an error code is one this request may get: rate limiting for anyone; for hostile input,
 * a 4xx answer (NOT_FOUND, PAYLOAD_TOO_LARGE… from the HTTP front) or a client-error code.
 * Everything else (a 5xx, INTERNAL_SERVER_ERROR, a store or subgraph unavailable, any error on a
 * well-formed request) is not.
 */
export const isExpected = (outcome: Outcome, code: string): boolean =>
  code === 'RATE_LIMITED' || (outcome.hostile && ((outcome.status >= 400 && outcome.status < 500) || isClientError(code)));

function summarize(index: number, outcomes: Outcome[], seconds: number, rssMiB: Record<string, number>): Interval {
  const errors: Record<string, number> = {};
  const unexpected: Record<string, number> = {};
  for (const outcome of outcomes) {
    for (const code of outcome.codes) {
      tally(errors, code);
      if (!isExpected(outcome, code)) tally(unexpected, `${code} (${outcome.kind})`);
    }
  }
  const ms = outcomes.map((o) => o.ms);
  return {
    index,
    requests: outcomes.length,
    perSecond: outcomes.length / seconds,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    errors,
    unexpected,
    serverErrors: outcomes.filter((o) => o.status >= 500).length,
    rssMiB,
  };
}

/** One progress line: `[soak] 3/10 …`. */
export function progressLine(interval: Interval, of: number): string {
  const codes = (counts: Record<string, number>) => Object.entries(counts).map(([code, n]) => `${code}×${n}`).join(' ') || 'none';
  const rss = Object.entries(interval.rssMiB).map(([service, mib]) => `${service} ${mib.toFixed(1)}`).join(', ');
  return (
    `[soak] ${interval.index}/${of}: ${interval.requests} requests (${interval.perSecond.toFixed(1)}/s), ` +
    `p50 ${interval.p50Ms.toFixed(1)} ms, p99 ${interval.p99Ms.toFixed(1)} ms, 5xx ${interval.serverErrors}, ` +
    `errors ${codes(interval.errors)}, unexpected ${codes(interval.unexpected)}; RSS median MiB ${rss}`
  );
}

/**
 * Runs mixed traffic against a running stack for `options.minutes`, `options.rate` requests a
 * second from `options.concurrency` clients, logging a progress line at the end of each interval; then judges the run.
 */
export async function runSoak(stack: Stack, options: SoakOptions, log: (line: string) => void): Promise<SoakReport> {
  const services = { gateway: stack.gatewayUrl, ...stack.subgraphUrls };
  let samples: Record<string, number>[] = [];
  const sample = async () =>
    void samples.push(Object.fromEntries(await Promise.all(Object.entries(services).map(async ([name, url]) => [name, await residentMiB(url)] as const))));
  const sampler = setInterval(() => void sample().catch(() => undefined), Math.min(RSS_SAMPLE_SECONDS, options.intervalSeconds) * 1000);
  const rss = async () => {
    await sample();
    const taken = samples;
    samples = [];
    return Object.fromEntries(Object.keys(services).map((name) => [name, percentile(taken.map((s) => s[name]!), 50)]));
  };
  const traffic = await mixedTraffic(stack, options.seed);
  const count = Math.round((options.minutes * 60) / options.intervalSeconds);
  const intervals: Interval[] = [];
  let current: Outcome[] = [];
  let running = true;
  // Each request takes the next slot of a fixed schedule. Slots the clients missed (the machine
  // was busy) are dropped, not made up for in a burst.
  let nextAt = performance.now();
  const clients = Array.from({ length: options.concurrency }, async () => {
    while (running) {
      const at = Math.max(nextAt, performance.now());
      nextAt = at + 1000 / options.rate;
      if (at > performance.now()) await new Promise((resolve) => setTimeout(resolve, at - performance.now()));
      if (running) current.push(await traffic.next());
    }
  });
  for (let index = 1; index <= count; index += 1) {
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, options.intervalSeconds * 1000));
    const outcomes = current;
    current = [];
    const interval = summarize(index, outcomes, (performance.now() - started) / 1000, await rss());
    intervals.push(interval);
    log(progressLine(interval, count));
  }
  clearInterval(sampler);
  running = false;
  await Promise.all(clients);

  const base = intervals[options.growthFrom - 1]!.rssMiB;
  const end = intervals.at(-1)!.rssMiB;
  const growth = Object.fromEntries(Object.keys(services).map((name) => [name, growthPercent(base[name]!, end[name]!)]));
  const problems: string[] = [];
  const serverErrors = intervals.reduce((sum, i) => sum + i.serverErrors, 0);
  if (serverErrors > 0) problems.push(`${serverErrors} answers with a 5xx`);
  const unexpected: Record<string, number> = {};
  for (const interval of intervals) for (const [code, n] of Object.entries(interval.unexpected)) unexpected[code] = (unexpected[code] ?? 0) + n;
  for (const [code, n] of Object.entries(unexpected)) problems.push(`unexpected ${code} ×${n}`);
  for (const [name, percent] of Object.entries(growth)) {
    if (percent >= options.maxGrowthPercent) {
      problems.push(`${name} RSS grew ${percent.toFixed(1)} % (${base[name]!.toFixed(1)} → ${end[name]!.toFixed(1)} MiB) after interval ${options.growthFrom}`);
    }
  }
  return { intervals, growth, problems };
}
