import { Redis } from 'ioredis';

/**
 * The gateway's one Redis connection (persisted queries, response cache, rate limits). Redis
 * only accelerates: commands fail fast rather than queue while it is away, and the connection
 * keeps retrying in the background.
 */
export function connectRedis(url: string, commandTimeoutMs: number): Redis {
  const redis = new Redis(url, {
    commandTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
  });
  // Failures surface (rate-limited) where commands fail; the connection's own errors would repeat them.
  redis.on('error', () => undefined);
  return redis;
}
