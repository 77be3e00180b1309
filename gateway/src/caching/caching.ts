import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@tributary/service-kit';
import type { Redis } from 'ioredis';
import type { GatewayContext } from '../context.ts';
import { preloadedStore } from '../limits/persisted-operations.ts';
import { cacheMetricsPlugin } from './cache-metrics.ts';
import { RedisKeyValueCache } from './redis-key-value-cache.ts';

export interface GatewayCacheOptions {
  redis: Redis | undefined;
  responseCache: boolean;
  apqTtlSeconds: number;
  keyPrefix: string;
  logger: Logger;
  /** Operations (hash → document) known to the APQ store from the start. */
  preloaded?: ReadonlyMap<string, string> | undefined;
}

export interface GatewayCaches {
  /** APQ store: shared by all replicas through Redis, else Apollo's in-memory default. */
  persistedQueries: { cache?: KeyValueCache<string>; ttl: number };
  plugins: ApolloServerPlugin<GatewayContext>[];
}

/** APQ and the optional whole-response cache, in Redis when there is one. */
export function createGatewayCaches(options: GatewayCacheOptions): GatewayCaches {
  const { redis } = options;
  const cache = (namespace: string) =>
    redis ? new RedisKeyValueCache(redis, `${options.keyPrefix}:gateway:${namespace}:`, options.logger) : undefined;

  const plugins: ApolloServerPlugin<GatewayContext>[] = [];
  if (options.responseCache) {
    const responses = cache('response');
    plugins.push(
      responseCachePlugin({
        ...(responses ? { cache: responses } : {}),
        // PRIVATE answers are cached per verified user and served only to that user; anonymous
        // requests get only PUBLIC ones.
        sessionId: async ({ contextValue }) => contextValue.viewer?.userId ?? null,
      }),
    );
  }
  plugins.push(cacheMetricsPlugin(options.responseCache));
  const registered = cache('apq');
  // Without Redis, the same in-process store Apollo would make.
  const apq = options.preloaded ? preloadedStore(options.preloaded, registered ?? new InMemoryLRUCache<string>()) : registered;
  return {
    persistedQueries: { ...(apq ? { cache: apq } : {}), ttl: options.apqTtlSeconds },
    plugins,
  };
}
