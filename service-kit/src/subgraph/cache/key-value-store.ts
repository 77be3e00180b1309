/** One value to store, with its time to live. */
export interface CacheEntry {
  key: string;
  value: string;
  ttlSeconds: number;
}

/**
 * What the entity cache needs of a key-value store. Every method may throw when the store is
 * unavailable; callers treat that as a miss (reads) or skip it (writes).
 */
export interface KeyValueStore {
  /** Values for keys in order, null where absent. One round trip. */
  mget(keys: readonly string[]): Promise<(string | null)[]>;
  /** Stores entries, each with its TTL. One round trip. */
  mset(entries: readonly CacheEntry[]): Promise<void>;
  /** Deletes keys. One round trip. */
  del(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
