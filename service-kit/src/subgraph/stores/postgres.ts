import pg from 'pg';
import type { Logger } from '../../observability/logger.ts';
import { inChildSpan } from '../../observability/request-scope.ts';
import { storeCalls } from '../../observability/store-calls.ts';
import { classifyStoreError, isPostgresUnavailable } from './store-unavailable.ts';

const classified = (error: unknown) => classifyStoreError('postgres', isPostgresUnavailable, error);

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
  /**
   * The server cancels a statement running longer; the client gives up one second later (a
   * connection to a database that went away answers nothing). No request waits longer.
   * @default 5000
   */
  statementTimeoutMs?: number;
  logger: Logger;
}

/**
 * A pg pool whose every query counts as one store round trip, and fails with
 * StoreUnavailableError when the database cannot be reached. After a database restart the
 * pool recovers by itself: a client whose connection broke is dropped (pool.query releases it
 * with its error), the query in flight fails with that error, and the next query connects anew.
 */
export function createDb({ url, max, statementTimeoutMs = 5_000, logger }: PostgresOptions): Db & { close(): Promise<void> } {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1_000,
    // TCP keep-alive notices a peer that vanished without closing (a failover, a cut network).
    keepAlive: true,
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
        return target.query(text, values).catch((error: unknown) => {
          throw classified(error);
        });
      });
    };

  return {
    query: counted(pool),
    async transaction(fn) {
      const client = await pool.connect().catch((error: unknown) => {
        throw classified(error);
      });
      // The pool listens for errors of idle clients only: one lost while checked out (the
      // database restarted between two statements) would otherwise crash the process. The
      // next statement then fails, and the client is dropped below.
      const onError = (error: Error) => logger.warn({ err: error }, 'PostgreSQL connection lost in a transaction');
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn({ query: counted(client) });
        await client.query('COMMIT');
        client.off('error', onError);
        client.release();
        return result;
      } catch (error) {
        // A connection that cannot even roll back is broken (the database restarted): releasing
        // it with the error drops it, so the pool does not hand it out again.
        const broken = await client.query('ROLLBACK').then(() => false, () => true);
        client.off('error', onError);
        client.release(broken ? (error as Error) : undefined);
        throw classified(error);
      }
    },
    close: () => pool.end(),
  };
}
