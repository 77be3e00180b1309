import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../../../../test-support/config.ts';
import { uniquePrefix } from '../../../../test-support/redis.ts';
import type { KeyValueStore } from './key-value-store.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisStore } from './redis-store.ts';

const redis = new RedisStore({ url: testRedisUrl });
afterAll(() => redis.close());

const implementations: [string, () => KeyValueStore][] = [
  ['MemoryStore', () => new MemoryStore()],
  ['RedisStore', () => redis],
];

/** One suite, every implementation: whatever backs the cache, it behaves the same. */
describe.each(implementations)('%s', (_, make) => {
  it('gets what was set, in key order, null for the rest', async () => {
    const store = make();
    const p = uniquePrefix();
    await store.mset([
      { key: `${p}:a`, value: '1', ttlSeconds: 60 },
      { key: `${p}:b`, value: '{"x":2}', ttlSeconds: 60 },
    ]);
    expect(await store.mget([`${p}:b`, `${p}:none`, `${p}:a`])).toEqual(['{"x":2}', null, '1']);
  });

  it('deletes', async () => {
    const store = make();
    const p = uniquePrefix();
    await store.mset([{ key: `${p}:a`, value: '1', ttlSeconds: 60 }]);
    await store.del([`${p}:a`, `${p}:never`]);
    expect(await store.mget([`${p}:a`])).toEqual([null]);
  });

  it('expires entries after their TTL', async () => {
    const store = make();
    const p = uniquePrefix();
    await store.mset([
      { key: `${p}:short`, value: 's', ttlSeconds: 1 },
      { key: `${p}:long`, value: 'l', ttlSeconds: 60 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(await store.mget([`${p}:short`, `${p}:long`])).toEqual([null, 'l']);
  });

  it('handles empty batches without a round trip', async () => {
    const store = make();
    expect(await store.mget([])).toEqual([]);
    await store.mset([]);
    await store.del([]);
  });
});

describe('MemoryStore bounds', () => {
  it('keeps at most maxEntries, evicting the least recently used', async () => {
    const store = new MemoryStore({ maxEntries: 100 });
    await store.mset(Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: 'v', ttlSeconds: 60 })));
    await store.mget(['k0']);
    await store.mset(Array.from({ length: 50 }, (_, i) => ({ key: `n${i}`, value: 'v', ttlSeconds: 60 })));
    expect(store.size).toBe(100);
    expect(await store.mget(['k0', 'k1', 'n49'])).toEqual(['v', null, 'v']);
  });

  it('keeps the summed size of keys and values under maxSize', async () => {
    const store = new MemoryStore({ maxEntries: 10_000, maxSize: 10_000 });
    await store.mset(Array.from({ length: 100 }, (_, i) => ({ key: `k${String(i).padStart(3, '0')}`, value: 'x'.repeat(996), ttlSeconds: 60 })));
    expect(store.size).toBe(10);
  });
});
