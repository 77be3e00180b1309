import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from '../../observability/logger.ts';
import type { KeyValueStore } from './key-value-store.ts';
import { EntityCache } from './entity-cache.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisStore } from './redis-store.ts';

export interface CacheConfig {
  CACHE_ENABLED: boolean;
  REDIS_URL?: string | undefined;
  REDIS_COMMAND_TIMEOUT_MS: number;
  CACHE_MAX_ENTRIES: number;
  CACHE_NEGATIVE_TTL_SECONDS: number;
  CACHE_KEY_PREFIX: string;
}

/**
 * The service's entity cache: Redis when REDIS_URL is set, else an in-process LRU; none when
 * caching is switched off. The namespace carries a hash of the SDL (and a code-side shape
 * version), so a deploy that changes what is cached starts from fresh keys.
 */
export function createEntityCache(
  service: string,
  config: CacheConfig,
  logger: Logger,
  shape: { sdlPath: string; version: number },
): { cache: EntityCache; store: KeyValueStore | null } {
  let store: KeyValueStore | null = null;
  if (config.CACHE_ENABLED) {
    store = config.REDIS_URL
      ? new RedisStore({ url: config.REDIS_URL, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS })
      : new MemoryStore({ maxEntries: config.CACHE_MAX_ENTRIES });
  }
  const version = createHash('sha256')
    .update(readFileSync(shape.sdlPath))
    .update(String(shape.version))
    .digest('hex')
    .slice(0, 8);
  const cache = new EntityCache({
    store,
    namespace: `${config.CACHE_KEY_PREFIX}:${service}:${version}`,
    negativeTtlSeconds: config.CACHE_NEGATIVE_TTL_SECONDS,
    logger,
  });
  return { cache, store };
}
