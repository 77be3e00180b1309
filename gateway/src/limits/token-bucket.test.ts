import { describe, expect, it } from 'vitest';
import { localTokenBuckets } from './token-bucket.ts';

describe('in-process token buckets', () => {
  it('allows a burst, then refills at the rate, per key', async () => {
    let now = 1_000_000;
    const buckets = localTokenBuckets({ perSecond: 2, burst: 3 }, () => now);
    const take = async (key = 'a') => (await buckets.take(key)).allowed;
    expect([await take(), await take(), await take(), await take()]).toEqual([true, true, true, false]);
    expect(await buckets.take('a')).toEqual({ allowed: false, retryAfterMs: 500 });
    expect(await take('b')).toBe(true);
    now += 500;
    expect([await take(), await take()]).toEqual([true, false]);
    now += 60_000;
    expect([await take(), await take(), await take(), await take()]).toEqual([true, true, true, false]);
  });
});
