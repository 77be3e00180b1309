import type { Stack } from '@tributary/stack';
import { startPrivateRedis } from '../../test-support/redis.ts';
import { startTestStack } from '../support/stack.ts';

/**
 * The stack the soak runs: every service a process, a fresh database on the real PostgreSQL,
 * dynalite, a redis-server of its own (the entity caches, APQ and the rate limiter in the path),
 * in production mode. Every request comes from this one address, standing in for many visitors:
 * a per-client bucket this size keeps the limiter in the path, never in the way.
 */
export async function startSoakStack(): Promise<Stack & { [Symbol.asyncDispose](): Promise<void> }> {
  const redis = await startPrivateRedis();
  const stack = await startTestStack({
    NODE_ENV: 'production',
    REDIS_URL: redis.url,
    RATE_LIMIT_PER_SECOND: '1000000',
    RATE_LIMIT_BURST: '1000000',
  }).catch(async (error: unknown) => {
    await redis.stop();
    throw error;
  });
  return {
    ...stack,
    async [Symbol.asyncDispose]() {
      await stack[Symbol.asyncDispose]();
      await redis.stop();
    },
  };
}
