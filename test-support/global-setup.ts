import { Redis } from 'ioredis';
import pg from 'pg';
import { testDatabaseUrl, testRedisUrl } from './config.ts';

/** Stops the run at once, with one message, when a service the tests need is not reachable. */
export default async function checkServices(): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${testDatabaseUrl.replace(/\/\/[^@]*@/, '//')} (${(error as Error).message}). ` +
        'Start it (e.g. `pg_ctlcluster <version> main start`) or set TEST_DATABASE_URL.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(testRedisUrl, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${testRedisUrl} (${(error as Error).message}). ` +
        'Start it (e.g. `redis-server --daemonize yes --port 6379`) or set TEST_REDIS_URL.',
    );
  } finally {
    redis.disconnect();
  }
}
