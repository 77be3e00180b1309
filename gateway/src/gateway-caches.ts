import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@tributary/service-kit';
import { Redis } from 'ioredis';
import type { GatewayContext } from './context.ts';
import { RedisKeyValueCache } from './redis-key-value-cache.ts';

export interface GatewayCacheOptions {
  redisUrl: string | undefined;
  responseCache: boolean;
  apqTtlSeconds: number;
  keyPrefix: string;
  redisCommandTimeoutMs: number;
  logger: Logger;
}

export interface GatewayCaches {
  /** APQ store: shared by all replicas through Redis, else Apollo's in-memory default. */
  persistedQueries: { cache?: KeyValueCache<string>; ttl: number };
  plugins: ApolloServerPlugin<GatewayContext>[];
  close(): Promise<void>;
}

/** APQ and the optional whole-response cache, in Redis when a URL is given. */
export function createGatewayCaches(options: GatewayCacheOptions): GatewayCaches {
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, {
        commandTimeout: options.redisCommandTimeoutMs,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
      })
    : undefined;
  // Failures surface (rate-limited) where commands fail; the connection's own errors would repeat them.
  redis?.on('error', () => undefined);
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
  const apq = cache('apq');
  return {
    persistedQueries: { ...(apq ? { cache: apq } : {}), ttl: options.apqTtlSeconds },
    plugins,
    close: async () => {
      redis?.disconnect();
    },
  };
}
