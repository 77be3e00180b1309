import { configSchema, launchStack, startEmbeddedDynamo, type Stack } from '@tributary/stack';
import { childEnv } from '../../test-support/config.ts';
import { startFaultProxy, type FaultProxy } from '../../test-support/fault-proxy.ts';
import { createTestDatabase } from '../../test-support/postgres.ts';
import { startPrivateRedis, type PrivateRedis } from '../../test-support/redis.ts';

/**
 * Short timeouts, so a fault shows within a test's patience, and a rate limit out of the way: one
 * client here sends more than the storefront's 50 a second, and faults, not the per-client limit,
 * are what the fault tests are about.
 */
export const FAULT_SETTINGS = {
  SUBGRAPH_TIMEOUT_MS: '1000',
  CIRCUIT_BREAKER_FAILURES: '3',
  CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS: '1000',
  DATABASE_STATEMENT_TIMEOUT_MS: '2000',
  DYNAMODB_MAX_ATTEMPTS: '2',
  DYNAMODB_REQUEST_TIMEOUT_MS: '1000',
  RATE_LIMIT_PER_SECOND: '10000',
  RATE_LIMIT_BURST: '10000',
};

export interface FaultStack extends Stack {
  /** Between accounts and reviews and their PostgreSQL database (a throwaway one on the shared server). */
  postgres: FaultProxy;
  /** That database, directly (not through the proxy): what a test checks was written. */
  databaseUrl: string;
  /** Between products and inventory and a dynalite of the stack's own. */
  dynamodb: FaultProxy;
  /** Between the gateway and the reviews subgraph. */
  reviews: FaultProxy;
  /** The stack's own redis-server, which the test may stop and start. */
  redis: PrivateRedis;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The whole graph as processes, with every dependency a test can break: PostgreSQL, DynamoDB
 * and the reviews subgraph behind proxies that cut and slow down, and a private Redis. The
 * machine's shared PostgreSQL and Redis are never stopped: other tests use them.
 */
export async function startFaultStack(env: Record<string, string>): Promise<FaultStack> {
  const database = await createTestDatabase();
  const dynalite = await startEmbeddedDynamo();
  const redis = await startPrivateRedis();
  const target = new URL(database.url);
  const postgres = await startFaultProxy(target.hostname, Number(target.port || 5432));
  const dynamoTarget = new URL(dynalite.endpoint);
  const dynamodb = await startFaultProxy(dynamoTarget.hostname, Number(dynamoTarget.port));
  let reviews: FaultProxy | undefined;
  const config = configSchema.parse({
    PORT: '0',
    DATABASE_URL: postgres.url(database.url),
    DYNAMODB_ENDPOINT: dynamodb.url(dynalite.endpoint).replace(/\/$/, ''),
    REDIS_URL: redis.url,
    SEED_PROFILE: 'small',
    LOG_LEVEL: 'fatal',
    NODE_ENV: 'test',
  });
  const stack = await launchStack(config, { ...childEnv(), ...env }, {
    async routeToSubgraph(name, url) {
      if (name !== 'reviews') return url;
      const { hostname, port } = new URL(url);
      reviews = await startFaultProxy(hostname, Number(port));
      return reviews.url(url);
    },
  });
  return {
    ...stack,
    postgres,
    databaseUrl: database.url,
    dynamodb,
    reviews: reviews!,
    redis,
    async [Symbol.asyncDispose]() {
      await stack.stop();
      await Promise.all([postgres.close(), dynamodb.close(), reviews?.close(), redis.stop(), dynalite.stop()]);
      await database[Symbol.asyncDispose]();
    },
  };
}
