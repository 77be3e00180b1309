import DataLoader from 'dataloader';
import type { EntityCache } from '../cache/entity-cache.ts';

/** How a service's per-request loaders reach the store. */
export interface LoaderSettings {
  cache: EntityCache;
  /** False sends one store request per key (benchmarks of a naive implementation). */
  batching: boolean;
}

export interface EntityLoaderSpec<V> {
  type: string;
  ttlSeconds: number;
  /** Keys that cannot exist (malformed) resolve to null without touching cache or store. */
  isValid: (id: string) => boolean;
  fetch: (ids: string[]) => Promise<Map<string, V>>;
}

/**
 * A per-request DataLoader over the entity cache: a tick's lookups become one cache MGET and
 * at most one store round trip for the misses.
 */
export function entityLoader<V>({ cache, batching }: LoaderSettings, spec: EntityLoaderSpec<V>): DataLoader<string, V | null> {
  const cached = cache.batch<V>(spec);
  return new DataLoader<string, V | null>(
    async (ids) => {
      const valid = ids.filter(spec.isValid);
      const found = new Map<string, V | null>();
      if (valid.length > 0) {
        const values = await cached(valid);
        valid.forEach((id, i) => found.set(id, values[i] ?? null));
      }
      return ids.map((id) => found.get(id) ?? null);
    },
    { batch: batching },
  );
}

/** Groups values by a key, keeping their order. */
export function groupBy<V>(values: readonly V[], keyOf: (value: V) => string): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}
