import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  /** A command slower than this fails, and the caller does without Redis. @default 250 */
  commandTimeoutMs?: number;
  /**
   * Errors of the connection itself (every failed reconnection while Redis is away).
   * @default ignored: they surface, throttled, where commands fail
   */
  onError?: (error: Error) => void;
}

/**
 * The one way a service connects to Redis (ElastiCache in production), which only accelerates:
 * built to fail fast. No offline queue and no retry per command, so a command while disconnected
 * fails at once instead of waiting; a command timeout; a 2 s connect timeout; reconnection in the
 * background with capped backoff.
 */
export function connectRedis(url: string, { commandTimeoutMs = 250, onError }: RedisConnectionOptions = {}): Redis {
  const redis = new Redis(url, {
    commandTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
  });
  // Without a listener ioredis would print every reconnection failure.
  redis.on('error', (error: Error) => onError?.(error));
  return redis;
}
