import type { Logger } from '../../observability/logger.ts';
import { throttledWarning } from '../../observability/log-throttle.ts';
import { cacheLookups } from '../../observability/metrics.ts';
import { recordCacheLookups } from '../../observability/request-metrics.ts';
import { countInRequest } from '../../observability/request-scope.ts';
import type { CacheEntry, KeyValueStore } from './key-value-store.ts';

export interface EntityCacheOptions {
  /** Where entries live (Redis, or the in-process LRU); null turns caching off. */
  store: KeyValueStore | null;
  /**
   * Goes into every key, e.g. "tributary:accounts:1a2b3c4d" (prefix, service, schema version):
   * a deploy that changes an entity's shape reads none of the old entries.
   */
  namespace: string;
  /** How long "there is no such entity" is remembered. @default 30 */
  negativeTtlSeconds?: number;
  /** TTLs are spread by ± this fraction so entries written together do not expire together. @default 0.1 */
  jitter?: number;
  logger: Logger;
}

export interface BatchSpec<V> {
  /** Entity type or relation, e.g. "User" or "Product.reviews:5"; part of the key. */
  type: string;
  ttlSeconds: number;
  /** One store round trip for all the misses; ids absent from the map do not exist. */
  fetch: (ids: string[]) => Promise<Map<string, V>>;
}

const MAX_INVALIDATIONS_TRACKED = 10_000;

/**
 * The read-through cache under the DataLoaders. For a batch: one MGET; the store only for the
 * misses, each key fetched once per process at a time (single flight); one pipelined SET of what
 * was loaded, including short-lived "absent" entries. When the cache fails, the store answers.
 */
export class EntityCache {
  private readonly options: Required<Omit<EntityCacheOptions, 'store'>> & { store: KeyValueStore | null };
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Key → generation of its last invalidation: a fetch that started earlier must not write it back. */
  private readonly invalidations = new Map<string, number>();
  private generation = 0;
  private readonly warnBypass: (error: unknown) => void;

  constructor(options: EntityCacheOptions) {
    this.options = { negativeTtlSeconds: 30, jitter: 0.1, ...options };
    this.warnBypass = throttledWarning(options.logger, 'cache unavailable: reading from the store directly');
  }

  get enabled(): boolean {
    return this.options.store !== null;
  }

  key(type: string, id: string): string {
    return `${this.options.namespace}:${type}:${id}`;
  }

  /** A DataLoader batch function reading through the cache. */
  batch<V>(spec: BatchSpec<V>): (ids: readonly string[]) => Promise<(V | null)[]> {
    return async (ids) => {
      if (!this.options.store) {
        const found = await spec.fetch([...ids]);
        return ids.map((id) => found.get(id) ?? null);
      }
      return this.readThrough(spec, ids, this.options.store);
    };
  }

  /** Writes values already loaded some other way (e.g. a list query that returned whole items). */
  async prime<V>(type: string, ttlSeconds: number, values: ReadonlyMap<string, V>): Promise<void> {
    const store = this.options.store;
    if (!store || values.size === 0) return;
    const entries = [...values].map(([id, value]) => ({
      key: this.key(type, id),
      value: JSON.stringify(value),
      ttlSeconds: this.withJitter(ttlSeconds),
    }));
    try {
      await store.mset(entries);
    } catch (error) {
      this.bypassed(type, 0, error);
    }
  }

  /** Deletes entries after a write committed. Never throws: a failed delete expires by TTL. */
  invalidate(type: string, ids: readonly string[]): Promise<void> {
    return this.invalidateMany(ids.map((id) => [type, id] as const));
  }

  /** Deletes entries of several types in one round trip, e.g. an entity and the lists it is in. */
  async invalidateMany(entries: readonly (readonly [type: string, id: string])[]): Promise<void> {
    if (!this.options.store || entries.length === 0) return;
    const keys = entries.map(([type, id]) => this.key(type, id));
    this.generation += 1;
    if (this.invalidations.size > MAX_INVALIDATIONS_TRACKED) this.invalidations.clear();
    for (const key of keys) this.invalidations.set(key, this.generation);
    try {
      await this.options.store.del(keys);
    } catch (error) {
      this.bypassed(entries[0]![0], keys.length, error);
    }
  }

  private async readThrough<V>(spec: BatchSpec<V>, ids: readonly string[], store: KeyValueStore): Promise<(V | null)[]> {
    const keys = ids.map((id) => this.key(spec.type, id));
    const results = new Map<string, V | null>();
    let cached: (string | null)[] = [];
    try {
      cached = await store.mget(keys);
    } catch (error) {
      this.bypassed(spec.type, keys.length, error);
    }
    const misses: string[] = [];
    ids.forEach((id, i) => {
      const raw = cached[i];
      if (raw === undefined || raw === null) misses.push(id);
      else results.set(id, JSON.parse(raw) as V | null);
    });
    const hits = ids.length - misses.length;
    if (cached.length > 0) this.count(spec.type, hits, misses.length);

    if (misses.length > 0) {
      const loaded = await this.loadMisses(spec, [...new Set(misses)], store);
      for (const [id, value] of loaded) results.set(id, value);
    }
    return ids.map((id) => results.get(id) ?? null);
  }

  /** Fetches misses once per process: ids already being fetched join that fetch. */
  private async loadMisses<V>(spec: BatchSpec<V>, ids: string[], store: KeyValueStore): Promise<Map<string, V | null>> {
    const joined: [string, Promise<unknown>][] = [];
    const own: string[] = [];
    for (const id of ids) {
      const pending = this.inFlight.get(this.key(spec.type, id));
      if (pending) joined.push([id, pending]);
      else own.push(id);
    }
    const results = new Map<string, V | null>();
    if (own.length > 0) {
      const startedAt = this.generation;
      const fetched = spec.fetch(own);
      const keys = own.map((id) => this.key(spec.type, id));
      own.forEach((id, i) => {
        const shared = fetched.then((found) => found.get(id) ?? null);
        // Callers that join see the failure; without any, a failed fetch (the store is down) must
        // not become an unhandled rejection, which would end the process.
        shared.catch(() => undefined);
        this.inFlight.set(keys[i]!, shared);
      });
      try {
        const found = await fetched;
        for (const id of own) results.set(id, found.get(id) ?? null);
        await this.fill(spec, own, found, startedAt, store);
      } finally {
        for (const key of keys) this.inFlight.delete(key);
      }
    }
    for (const [id, pending] of joined) results.set(id, (await pending) as V | null);
    return results;
  }

  private async fill<V>(spec: BatchSpec<V>, ids: string[], found: Map<string, V>, startedAt: number, store: KeyValueStore): Promise<void> {
    const entries: CacheEntry[] = [];
    for (const id of ids) {
      const key = this.key(spec.type, id);
      // Invalidated while we were reading: what we read may be older than the write.
      if ((this.invalidations.get(key) ?? 0) > startedAt) continue;
      const value = found.get(id);
      entries.push({
        key,
        value: JSON.stringify(value ?? null),
        ttlSeconds: this.withJitter(value === undefined ? this.options.negativeTtlSeconds : spec.ttlSeconds),
      });
    }
    try {
      await store.mset(entries);
    } catch (error) {
      this.bypassed(spec.type, 0, error);
    }
  }

  private withJitter(ttlSeconds: number): number {
    return Math.max(1, Math.round(ttlSeconds * (1 + (Math.random() * 2 - 1) * this.options.jitter)));
  }

  private count(type: string, hits: number, misses: number): void {
    countInRequest({ cacheHits: hits, cacheMisses: misses });
    recordCacheLookups(type, hits, misses);
    if (hits) cacheLookups.inc({ type, result: 'hit' }, hits);
    if (misses) cacheLookups.inc({ type, result: 'miss' }, misses);
  }

  private bypassed(type: string, lookups: number, error: unknown): void {
    if (lookups) {
      countInRequest({ cacheBypasses: lookups });
      recordCacheLookups(type, 0, lookups);
      cacheLookups.inc({ type, result: 'bypass' }, lookups);
    }
    this.warnBypass(error);
  }
}
