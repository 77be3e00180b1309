import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../../../test-support/fault-proxy.ts';
import { silentLogger } from '../../../../test-support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/postgres.ts';
import { createDb } from './postgres.ts';

// The shared PostgreSQL must never be restarted under other tests: a proxy between the pool and
// it stands in for the restart (open connections destroyed, new ones refused, then back).
let database: TestDatabase;
let proxy: FaultProxy;
let db: ReturnType<typeof createDb>;

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  proxy = await startFaultProxy(target.hostname, Number(target.port || 5432));
  db = createDb({ url: proxy.url(database.url), max: 4, statementTimeoutMs: 300, logger: silentLogger });
});

afterAll(async () => {
  await db?.close();
  await proxy?.close();
  await database?.[Symbol.asyncDispose]();
});

const timed = async <T>(work: Promise<T>) => {
  const started = performance.now();
  const outcome = await work.then(
    (value) => ({ value, error: undefined }),
    (error: Error) => ({ value: undefined, error }),
  );
  return { ...outcome, ms: performance.now() - started };
};

describe('the PostgreSQL pool across a database restart', () => {
  it('fails the queries in flight and while down with a clean error, at once, and recovers on the next query', async () => {
    await Promise.all([1, 2, 3, 4].map(() => db.query('SELECT 1')));
    const inFlight = timed(db.query('SELECT pg_sleep(0.2)'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await proxy.cut();
    const cut = await inFlight;
    expect(cut.error?.message).toMatch(/Connection terminated unexpectedly/);
    expect(cut.error).toMatchObject({ extensions: { code: 'STORE_UNAVAILABLE', retryable: true, store: 'postgres' } });
    // The idle clients see their sockets close an event-loop turn later, and leave the pool.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const whileDown = await timed(db.query('SELECT 1'));
    expect(whileDown.error?.message).toMatch(/ECONNREFUSED/);
    expect(whileDown.error).toMatchObject({ extensions: { code: 'STORE_UNAVAILABLE' } });
    expect(whileDown.ms).toBeLessThan(1_000);

    await proxy.restore();
    // Every pooled client broke; none is handed out again.
    const after = await Promise.all([1, 2, 3, 4, 5].map(() => db.query<{ n: number }>('SELECT 1 AS n')));
    expect(after.map((r) => r.rows[0]!.n)).toEqual([1, 1, 1, 1, 1]);
  });

  it('drops a client whose transaction broke mid-way, so the next transaction succeeds', async () => {
    const broken = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await proxy.cut();
      return tx.query('SELECT 2');
    });
    await expect(broken).rejects.toMatchObject({ extensions: { code: 'STORE_UNAVAILABLE', store: 'postgres' } });
    await proxy.restore();
    await expect(db.transaction((tx) => tx.query<{ n: number }>('SELECT 3 AS n'))).resolves.toMatchObject({ rows: [{ n: 3 }] });
  });

  it('lets no statement run past its timeout', async () => {
    const slow = await timed(db.query('SELECT pg_sleep(5)'));
    expect(slow.error?.message).toMatch(/statement timeout/);
    expect(slow.error).toMatchObject({ extensions: { code: 'STORE_UNAVAILABLE' } });
    expect(slow.ms).toBeLessThan(1_500);
    await expect(db.query('SELECT 1')).resolves.toBeTruthy();
  });
});
