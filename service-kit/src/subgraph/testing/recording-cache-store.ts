import type { CacheEntry, KeyValueStore } from '../cache/key-value-store.ts';
import { MemoryStore } from '../cache/memory-store.ts';

/** One round trip to the cache: which operation, on which keys (without the namespace). */
export interface CacheCall {
  op: 'mget' | 'mset' | 'del';
  keys: string[];
}

/**
 * The in-process LRU the service uses without Redis, recording every round trip, so a test can
 * say what was read, written and invalidated (`User:1`, `Product.reviews:5:p1`).
 */
export class RecordingCacheStore implements KeyValueStore {
  readonly calls: CacheCall[] = [];
  private readonly inner = new MemoryStore({ maxEntries: 10_000 });
  private readonly namespace: string;

  constructor(namespace: string) {
    this.namespace = namespace;
  }

  /** The keys of every call of one operation, flattened, in order. */
  keys(op: CacheCall['op']): string[] {
    return this.calls.filter((call) => call.op === op).flatMap((call) => call.keys);
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    this.record('mget', keys);
    return this.inner.mget(keys);
  }

  async mset(entries: readonly CacheEntry[]): Promise<void> {
    this.record('mset', entries.map((entry) => entry.key));
    return this.inner.mset(entries);
  }

  async del(keys: readonly string[]): Promise<void> {
    this.record('del', keys);
    return this.inner.del(keys);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private record(op: CacheCall['op'], keys: readonly string[]): void {
    const prefix = `${this.namespace}:`;
    this.calls.push({ op, keys: keys.map((key) => (key.startsWith(prefix) ? key.slice(prefix.length) : key)) });
  }
}
