import { describe, expect, it } from 'vitest';
import { parseSoakOptions } from './soak-options.ts';
import { isExpected, progressLine } from './soak.ts';
import type { Outcome } from './traffic.ts';

const outcome = (hostile: boolean, status: number): Outcome => ({ kind: 'k', hostile, status, ms: 1, codes: [] });

describe('the soak', () => {
  it('defaults to 10 minutes, a line a minute, growth measured from minute 2, 10 %', () => {
    expect(parseSoakOptions([])).toEqual({ minutes: 10, intervalSeconds: 60, growthFrom: 2, maxGrowthPercent: 10, concurrency: 8, rate: 15, seed: 20_260_101 });
    expect(parseSoakOptions(['--minutes', '1', '--interval', '15'])).toMatchObject({ minutes: 1, intervalSeconds: 15 });
    expect(parseSoakOptions(['--help'])).toBeUndefined();
  });

  it('refuses a negative duration, and options that leave nothing to measure', () => {
    expect(() => parseSoakOptions(['--minutes', '2'])).toThrow(/leaves nothing to measure/);
    expect(() => parseSoakOptions(['--minutes=-1'])).toThrow(/positive/);
  });

  it('expects client errors from hostile input only, rate limits from anyone, and never a server error', () => {
    expect(isExpected(outcome(true, 400), 'GRAPHQL_PARSE_FAILED')).toBe(true);
    expect(isExpected(outcome(true, 413), 'PAYLOAD_TOO_LARGE')).toBe(true);
    expect(isExpected(outcome(true, 200), 'BAD_USER_INPUT')).toBe(true);
    expect(isExpected(outcome(true, 200), 'INTERNAL_SERVER_ERROR')).toBe(false);
    expect(isExpected(outcome(true, 200), 'STORE_UNAVAILABLE')).toBe(false);
    expect(isExpected(outcome(false, 200), 'BAD_USER_INPUT')).toBe(false);
    expect(isExpected(outcome(false, 429), 'RATE_LIMITED')).toBe(true);
  });

  it('prints throughput, latency, errors by code and RSS per service on one line', () => {
    const line = progressLine(
      { index: 3, requests: 600, perSecond: 10, p50Ms: 12.34, p99Ms: 180, errors: { BAD_USER_INPUT: 4 }, unexpected: {}, serverErrors: 0, rssMiB: { gateway: 120.04, reviews: 90 } },
      10,
    );
    expect(line).toBe('[soak] 3/10: 600 requests (10.0/s), p50 12.3 ms, p99 180.0 ms, 5xx 0, errors BAD_USER_INPUT×4, unexpected none; RSS median MiB gateway 120.0, reviews 90.0');
  });
});
