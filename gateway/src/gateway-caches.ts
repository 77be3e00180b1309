import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { VIEWER_HEADER, type Logger } from '@tributary/service-kit';
import type { Redis } from 'ioredis';
import { RedisKeyValueCache } from './redis-key-value-cache.ts';

export interface GatewayCacheOptions {
  redis: Redis | undefined;
  responseCache: boolean;
  apqTtlSeconds: number;
  keyPrefix: string;
  logger: Logger;
}

export interface GatewayCaches {
  /** APQ store: shared by all replicas through Redis, else Apollo's in-memory default. */
  persistedQueries: { cache?: KeyValueCache<string>; ttl: number };
  plugins: ApolloServerPlugin<BaseContext>[];
}

/** APQ and the optional whole-response cache, in Redis when there is one. */
export function createGatewayCaches(options: GatewayCacheOptions): GatewayCaches {
  const { redis } = options;
  const cache = (namespace: string) =>
    redis ? new RedisKeyValueCache(redis, `${options.keyPrefix}:gateway:${namespace}:`, options.logger) : undefined;

  const plugins: ApolloServerPlugin<BaseContext>[] = [];
  if (options.responseCache) {
    const responses = cache('response');
    plugins.push(
      responseCachePlugin({
        ...(responses ? { cache: responses } : {}),
        // PRIVATE answers are cached per user and served only to that user; anonymous requests
        // get only PUBLIC ones.
        sessionId: async ({ request }) => request.http?.headers.get(VIEWER_HEADER) ?? null,
      }),
    );
  }
  const apq = cache('apq');
  return {
    persistedQueries: { ...(apq ? { cache: apq } : {}), ttl: options.apqTtlSeconds },
    plugins,
  };
}
