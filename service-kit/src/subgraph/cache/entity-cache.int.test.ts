import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../../../../test-support/config.ts';
import { silentLogger } from '../../../../test-support/logger.ts';
import { uniquePrefix } from '../../../../test-support/redis.ts';
import { emptyStats, runInRequestScope } from '../../observability/request-scope.ts';
import type { CacheEntry, KeyValueStore } from './key-value-store.ts';
import { EntityCache } from './entity-cache.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisStore } from './redis-store.ts';

const redis = new RedisStore({ url: testRedisUrl });
afterAll(() => redis.close());

/** Wraps a store to count its round trips. */
class Counting implements KeyValueStore {
  mgets = 0;
  msets: CacheEntry[][] = [];
  dels = 0;
  inner: KeyValueStore;
  constructor(inner: KeyValueStore) {
    this.inner = inner;
  }
  mget(keys: readonly string[]) {
    this.mgets += 1;
    return this.inner.mget(keys);
  }
  mset(entries: readonly CacheEntry[]) {
    this.msets.push([...entries]);
    return this.inner.mset(entries);
  }
  del(keys: readonly string[]) {
    this.dels += 1;
    return this.inner.del(keys);
  }
  close() {
    return Promise.resolve();
  }
}

/** A fake store table: which ids exist, and every fetch made. */
function table(existing: string[]) {
  const fetches: string[][] = [];
  return {
    fetches,
    fetch: async (ids: string[]) => {
      fetches.push(ids);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return new Map(ids.filter((id) => existing.includes(id)).map((id) => [id, { id, name: `name-${id}` }]));
    },
  };
}

const implementations: [string, () => KeyValueStore][] = [
  ['in-process LRU', () => new MemoryStore()],
  ['Redis', () => redis],
];

describe.each(implementations)('EntityCache over %s', (_, make) => {
  const setup = (namespace = uniquePrefix()) => {
    const store = new Counting(make());
    return { store, cache: new EntityCache({ store, namespace, logger: silentLogger }) };
  };

  it('reads a batch with one MGET, fetches only the misses, and writes them back in one pipeline', async () => {
    const { store, cache } = setup();
    const users = table(['1', '2', '3']);
    const load = cache.batch({ type: 'User', ttlSeconds: 60, fetch: users.fetch });
    expect(await load(['1', '2'])).toEqual([{ id: '1', name: 'name-1' }, { id: '2', name: 'name-2' }]);
    expect(await load(['1', '2', '3'])).toEqual([{ id: '1', name: 'name-1' }, { id: '2', name: 'name-2' }, { id: '3', name: 'name-3' }]);
    expect(users.fetches).toEqual([['1', '2'], ['3']]);
    expect(store.mgets).toBe(2);
    expect(store.msets.map((batch) => batch.length)).toEqual([2, 1]);
  });

  it('remembers absent ids for the negative TTL only', async () => {
    const { store, cache } = setup();
    const users = table([]);
    const load = cache.batch({ type: 'User', ttlSeconds: 600, fetch: users.fetch });
    expect(await load(['404'])).toEqual([null]);
    expect(await load(['404'])).toEqual([null]);
    expect(users.fetches).toEqual([['404']]);
    expect(store.msets[0]![0]!.ttlSeconds).toBeLessThanOrEqual(33);
  });

  it('spreads TTLs with jitter', async () => {
    const { store, cache } = setup();
    const ids = Array.from({ length: 50 }, (_, i) => String(i));
    await cache.batch({ type: 'User', ttlSeconds: 1_000, fetch: table(ids).fetch })(ids);
    const ttls = store.msets[0]!.map((e) => e.ttlSeconds);
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(900);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(1_100);
    expect(new Set(ttls).size).toBeGreaterThan(1);
  });

  it('sends concurrent misses of the same key to the store once', async () => {
    const { cache } = setup();
    const users = table(['1', '2']);
    const load = cache.batch({ type: 'User', ttlSeconds: 60, fetch: users.fetch });
    const [a, b, c] = await Promise.all([load(['1']), load(['1', '2']), load(['1'])]);
    expect(a).toEqual(b.slice(0, 1));
    expect(c).toEqual(a);
    expect(users.fetches.flat().filter((id) => id === '1')).toHaveLength(1);
  });

  it('invalidates after a write, so the next read goes to the store', async () => {
    const { cache } = setup();
    const users = table(['1']);
    const load = cache.batch({ type: 'User', ttlSeconds: 60, fetch: users.fetch });
    await load(['1']);
    await cache.invalidate('User', ['1']);
    await load(['1']);
    expect(users.fetches).toEqual([['1'], ['1']]);
  });

  it('does not write back what it read before an invalidation that overtook it', async () => {
    const { cache } = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let fetches = 0;
    const load = cache.batch({
      type: 'User',
      ttlSeconds: 60,
      fetch: async (ids: string[]) => {
        fetches += 1;
        if (fetches === 1) await gate;
        return new Map(ids.map((id) => [id, { v: fetches }]));
      },
    });
    const stale = load(['1']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cache.invalidate('User', ['1']);
    release();
    expect(await stale).toEqual([{ v: 1 }]);
    expect(await load(['1'])).toEqual([{ v: 2 }]);
  });

  it('keeps versions apart: another namespace reads none of the old entries', async () => {
    const namespace = uniquePrefix();
    const old = setup(`${namespace}:v1`);
    await old.cache.batch({ type: 'User', ttlSeconds: 60, fetch: table(['1']).fetch })(['1']);
    const next = setup(`${namespace}:v2`);
    const users = table(['1']);
    await next.cache.batch({ type: 'User', ttlSeconds: 60, fetch: users.fetch })(['1']);
    expect(users.fetches).toEqual([['1']]);
  });

  it('counts hits and misses in the request scope', async () => {
    const { cache } = setup();
    const load = cache.batch({ type: 'User', ttlSeconds: 60, fetch: table(['1', '2']).fetch });
    await load(['1']);
    const stats = emptyStats();
    await runInRequestScope(() => load(['1', '2']), { stats });
    expect(stats).toMatchObject({ cacheHits: 1, cacheMisses: 1, cacheBypasses: 0 });
  });
});

describe('EntityCache when the cache fails', () => {
  const broken: KeyValueStore = {
    mget: async () => {
      throw new Error('Connection is closed.');
    },
    mset: async () => {
      throw new Error('Connection is closed.');
    },
    del: async () => {
      throw new Error('Connection is closed.');
    },
    close: async () => undefined,
  };

  it('reads from the store, counts a bypass, and never throws', async () => {
    const cache = new EntityCache({ store: broken, namespace: uniquePrefix(), logger: silentLogger });
    const users = table(['1']);
    const stats = emptyStats();
    const values = await runInRequestScope(() => cache.batch({ type: 'User', ttlSeconds: 60, fetch: users.fetch })(['1', '2']), { stats });
    expect(values).toEqual([{ id: '1', name: 'name-1' }, null]);
    expect(stats.cacheBypasses).toBe(2);
    await expect(cache.invalidate('User', ['1'])).resolves.toBeUndefined();
  });
});

describe('EntityCache when the store fails', () => {
  it('rejects the callers, joined ones included, and leaves no unhandled rejection behind', async () => {
    const cache = new EntityCache({ store: new MemoryStore(), namespace: uniquePrefix(), logger: silentLogger });
    const load = cache.batch<{ id: string }>({
      type: 'User',
      ttlSeconds: 60,
      fetch: async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw new Error('connect ECONNREFUSED');
      },
    });
    const [alone, joined] = await Promise.allSettled([load(['1', '2']), load(['2'])]);
    expect([alone.status, joined.status]).toEqual(['rejected', 'rejected']);
    // Vitest fails the run on an unhandled rejection: give one the chance to surface.
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});

