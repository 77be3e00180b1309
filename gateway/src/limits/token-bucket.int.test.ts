import { connectRedis } from '@tributary/service-kit';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../../../test-support/config.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { startPrivateRedis, uniquePrefix } from '../../../test-support/redis.ts';
import { redisTokenBuckets } from './token-bucket.ts';

const clients: Redis[] = [];
/** A connection that is ready: with no offline queue, commands sent before fail (and fall back). */
const connect = async (url = testRedisUrl) => {
  const redis = connectRedis(url, { commandTimeoutMs: 250 });
  clients.push(redis);
  await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
};
afterAll(() => clients.forEach((c) => c.disconnect()));

const allowed = async (take: () => Promise<{ allowed: boolean }>, n: number) => {
  const results = await Promise.all(Array.from({ length: n }, take));
  return results.filter((r) => r.allowed).length;
};

describe('Redis token buckets', () => {
  it('share one bucket across replicas, atomically', async () => {
    const prefix = `${uniquePrefix()}:`;
    const rule = { perSecond: 1, burst: 10 };
    const [one, two] = [redisTokenBuckets(await connect(), rule, prefix, silentLogger), redisTokenBuckets(await connect(), rule, prefix, silentLogger)];
    const granted = await allowed(() => one.take('ip:1'), 15) + (await allowed(() => two.take('ip:1'), 15));
    expect(granted).toBe(10);
    const refused = await two.take('ip:1');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
    expect((await one.take('ip:2')).allowed).toBe(true);
  });

  it('counts in process while Redis is down, and never refuses for it', async () => {
    await using redis = await startPrivateRedis();
    const buckets = redisTokenBuckets(await connect(redis.url), { perSecond: 1, burst: 3 }, `${uniquePrefix()}:`, silentLogger);
    expect((await buckets.take('user:1')).allowed).toBe(true);
    await redis.stop();
    // The in-process bucket starts full: a Redis outage loosens the limit, it never tightens it.
    expect(await allowed(() => buckets.take('user:1'), 5)).toBe(3);
  });
});
