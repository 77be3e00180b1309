import type { Redis } from 'ioredis';
import { inChildSpan } from '../../observability/request-scope.ts';
import { connectRedis } from '../../redis/redis.ts';
import type { CacheEntry, KeyValueStore } from './key-value-store.ts';

export interface RedisStoreOptions {
  url: string;
  /** A command slower than this fails, and the caller goes to the store instead. @default 250 */
  commandTimeoutMs?: number;
  /** Errors of the connection itself (each failed reconnection). @default ignored */
  onError?: (error: Error) => void;
}

/**
 * Redis (ElastiCache in production) behind the KeyValueStore interface, on a connection that
 * fails fast (see connectRedis): the entity cache then reads from the store.
 */
export class RedisStore implements KeyValueStore {
  readonly client: Redis;

  constructor({ url, commandTimeoutMs = 250, onError }: RedisStoreOptions) {
    this.client = connectRedis(url, { commandTimeoutMs, onError });
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    return inChildSpan('redis', 'remote', async (span) => {
      span?.annotate('redis_command', 'MGET');
      const values = await this.client.mget(...keys);
      const hits = values.filter((v) => v !== null).length;
      span?.annotate('cache_hits', hits);
      span?.annotate('cache_misses', values.length - hits);
      return values;
    });
  }

  async mset(entries: readonly CacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await inChildSpan('redis', 'remote', async (span) => {
      span?.annotate('redis_command', 'SET pipeline');
      span?.annotate('keys', entries.length);
      await this.pipelineSet(entries);
    });
  }

  private async pipelineSet(entries: readonly CacheEntry[]): Promise<void> {
    const pipeline = this.client.pipeline();
    for (const { key, value, ttlSeconds } of entries) pipeline.set(key, value, 'EX', Math.max(1, Math.round(ttlSeconds)));
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  async del(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await inChildSpan('redis', 'remote', async (span) => {
      span?.annotate('redis_command', 'DEL');
      span?.annotate('keys', keys.length);
      await this.client.del(...keys);
    });
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
