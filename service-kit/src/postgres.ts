import pg from 'pg';
import type { Logger } from './logger.ts';
import { inChildSpan } from './request-scope.ts';
import { storeCalls } from './store-calls.ts';

/** What store modules need of PostgreSQL: parameterized queries and transactions. */
export interface Db {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  transaction<T>(fn: (tx: Pick<Db, 'query'>) => Promise<T>): Promise<T>;
}

export interface PostgresOptions {
  url: string;
  /** Pool size. Against PGlite it must be 1: all its connections share one backend session. */
  max: number;
  logger: Logger;
}

/** A pg pool whose every query counts as one store round trip. */
export function createDb({ url, max, logger }: PostgresOptions): Db & { close(): Promise<void> } {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL client failed'));

  const where = new URL(url);
  const traceUrl = `postgresql://${where.host}${where.pathname}`;
  const counted = (target: pg.Pool | pg.PoolClient): Db['query'] =>
    (text, values) => {
      storeCalls.record({ store: 'postgres', operation: text.trimStart().split(/\s/, 1)[0]!.toLowerCase() });
      return inChildSpan('postgres', 'remote', (span) => {
        span?.sql({ url: traceUrl, sanitized_query: text, database_type: 'PostgreSQL' });
        return target.query(text, values);
      });
    };

  return {
    query: counted(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: counted(client) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
