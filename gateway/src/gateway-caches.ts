import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { VIEWER_HEADER, type Logger } from '@tributary/service-kit';
import { Redis } from 'ioredis';
import type { GatewayConfig } from './config.ts';
import { RedisKeyValueCache } from './redis-key-value-cache.ts';

export interface GatewayCaches {
  /** APQ store: shared by all replicas through Redis, else Apollo's in-memory default. */
  persistedQueries: { cache?: KeyValueCache<string>; ttl: number };
  plugins: ApolloServerPlugin<BaseContext>[];
  close(): Promise<void>;
}

/** APQ and the optional whole-response cache, in Redis when REDIS_URL is set. */
export function createGatewayCaches(config: GatewayConfig, logger: Logger): GatewayCaches {
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, {
        commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
      })
    : undefined;
  redis?.on('error', () => undefined);
  const cache = (namespace: string) =>
    redis ? new RedisKeyValueCache(redis, `${config.CACHE_KEY_PREFIX}:gateway:${namespace}:`, logger) : undefined;

  const plugins: ApolloServerPlugin<BaseContext>[] = [];
  if (config.RESPONSE_CACHE_ENABLED) {
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
    persistedQueries: { ...(apq ? { cache: apq } : {}), ttl: config.APQ_TTL_SECONDS },
    plugins,
    close: async () => {
      redis?.disconnect();
    },
  };
}
