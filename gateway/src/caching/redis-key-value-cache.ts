import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { throttledWarning, type Logger } from '@tributary/service-kit';
import type { Redis } from 'ioredis';

/**
 * Apollo's KeyValueCache over Redis, shared by every gateway replica (APQ, response cache).
 * Redis is an accelerator: a failed read is a miss and a failed write is skipped.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly warn: (error: unknown) => void;

  constructor(client: Redis, prefix: string, logger: Logger) {
    this.client = client;
    this.prefix = prefix;
    this.warn = throttledWarning(logger, 'Redis unavailable: gateway cache bypassed');
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.client.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      const ttl = options?.ttl;
      if (typeof ttl === 'number' && ttl > 0) await this.client.set(this.prefix + key, value, 'EX', Math.ceil(ttl));
      else await this.client.set(this.prefix + key, value);
    } catch (error) {
      this.warn(error);
    }
  }

  async delete(key: string): Promise<boolean | void> {
    try {
      return (await this.client.del(this.prefix + key)) > 0;
    } catch (error) {
      this.warn(error);
    }
  }
}
