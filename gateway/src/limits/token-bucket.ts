import { throttledWarning, type Logger } from '@tributary/service-kit';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** A refill rate and a bucket size: `burst` requests at once, then `perSecond` on average. */
export interface BucketRule {
  perSecond: number;
  burst: number;
}

export interface TakeResult {
  allowed: boolean;
  /** When refused: milliseconds until one token is back. */
  retryAfterMs: number;
}

/** One token bucket per key. */
export interface TokenBuckets {
  take(key: string): Promise<TakeResult>;
}

/** Buckets in this process: for embedded mode, and the fallback while Redis is away. */
export function localTokenBuckets(rule: BucketRule, now: () => number = Date.now): TokenBuckets {
  // Bounded: a flood of distinct keys (spoofed identities, many addresses) evicts the idlest.
  const buckets = new LRUCache<string, { tokens: number; at: number }>({ max: 100_000 });
  return {
    async take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: rule.burst, at: time };
      const tokens = Math.min(rule.burst, bucket.tokens + ((time - bucket.at) * rule.perSecond) / 1000);
      const allowed = tokens >= 1;
      buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: time });
      return { allowed, retryAfterMs: allowed ? 0 : Math.ceil(((1 - tokens) * 1000) / rule.perSecond) };
    },
  };
}

/**
 * Refill and take in one atomic step, on Redis' clock so replicas with skewed clocks agree.
 * KEYS[1]: the bucket; ARGV: tokens per second, burst. Returns {allowed, retry after ms}.
 */
const TAKE_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return {allowed, retry}
`;

type RedisWithTake = Redis & { takeToken(key: string, perSecond: number, burst: number): Promise<[number, number]> };

/**
 * Buckets in Redis, shared by every gateway replica. When Redis fails or is slow, the request
 * is counted in this process instead: an outage loosens the limit, it never refuses traffic.
 */
export function redisTokenBuckets(redis: Redis, rule: BucketRule, keyPrefix: string, logger: Logger): TokenBuckets {
  if (!('takeToken' in redis)) redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  const fallback = localTokenBuckets(rule);
  const warn = throttledWarning(logger, 'rate limiter: Redis unavailable, counting in process');
  return {
    async take(key) {
      try {
        const [allowed, retryAfterMs] = await (redis as RedisWithTake).takeToken(`${keyPrefix}${key}`, rule.perSecond, rule.burst);
        return { allowed: allowed === 1, retryAfterMs };
      } catch (error) {
        warn(error);
        return fallback.take(key);
      }
    },
  };
}
