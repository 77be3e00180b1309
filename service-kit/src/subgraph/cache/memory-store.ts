import { LRUCache } from 'lru-cache';
import type { CacheEntry, KeyValueStore } from './key-value-store.ts';

export interface MemoryStoreOptions {
  /** @default 50_000 */
  maxEntries?: number;
  /** Upper bound on the summed length of keys and values, in UTF-16 code units. @default 64 MiB */
  maxSize?: number;
}

/** The in-process stand-in for Redis: an LRU bounded by entries and by size, with per-entry TTLs. */
export class MemoryStore implements KeyValueStore {
  private readonly lru: LRUCache<string, string>;

  constructor({ maxEntries = 50_000, maxSize = 64 * 1024 * 1024 }: MemoryStoreOptions = {}) {
    this.lru = new LRUCache<string, string>({
      max: maxEntries,
      maxSize,
      sizeCalculation: (value, key) => value.length + key.length,
    });
  }

  get size(): number {
    return this.lru.size;
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    return keys.map((key) => this.lru.get(key) ?? null);
  }

  async mset(entries: readonly CacheEntry[]): Promise<void> {
    for (const { key, value, ttlSeconds } of entries) this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async del(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.lru.delete(key);
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
