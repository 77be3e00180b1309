import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Tracer, type Identity } from '@tributary/service-kit';
import { createDb, createKinesisClient, domainEvent, kinesisStream, migrate, type DomainEvent } from '@tributary/service-kit/subgraph';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { childEnv, sourceExecArgv } from '../../../test-support/config.ts';
import { codes, subgraphExecutor, testViewer } from '../../../test-support/graphql.ts';
import { startTestKinesis } from '../../../test-support/kinesis.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { createTestDatabase } from '../../../test-support/postgres.ts';
import { migrationsDir } from './app.ts';
import { AuditStore } from './audit-store.ts';
import { startConsumer } from './consumer.ts';
import type { AuditContext } from './context.ts';
import { resolvers } from './resolvers.ts';
import { verifyChain } from './verify-chain.ts';

const STREAM = 'events';
const run = promisify(execFile);
const verifyScript = new URL('./verify.ts', import.meta.url).pathname;

const stockEvent = (upc: string, sequence: number, before: number | null, after: number): DomainEvent => ({
  ...domainEvent({
    service: 'inventory',
    entityType: 'Stock',
    entityId: upc,
    type: 'StockSet',
    viewer: testViewer('9', ['admin']),
    traceId: `1-5f000000-00000000000000000000000${sequence}`,
    data: { before: before === null ? null : { quantity: before }, after: { quantity: after } },
  }),
  sequence,
});

async function setup() {
  const database = await createTestDatabase();
  const kinesis = await startTestKinesis();
  await kinesis.createStream(STREAM, 2);
  const db = createDb({ url: database.url, max: 4, logger: silentLogger });
  await migrate(db, 'audit', migrationsDir);
  const store = new AuditStore(db);
  const client = createKinesisClient({ region: 'us-east-1', endpoint: kinesis.endpoint });
  const stream = kinesisStream({ streamName: STREAM, region: 'us-east-1', endpoint: kinesis.endpoint });
  const real = new Tracer({ service: 'audit', enabled: false, daemonAddress: '127.0.0.1:9', samplingRate: 0, reservoirPerSecond: 0, logger: silentLogger });
  const traced: string[] = [];
  const tracer = { startSegment: (headers: Record<string, string>) => { const span = real.startSegment(headers); traced.push(span.traceId); return span; } };
  const consume = () => startConsumer({ kinesis: client, streamName: STREAM, store, logger: silentLogger, tracer, pollIntervalMs: 50 });
  const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit.entries')).rows[0]!.n;
  const until = async (n: number) => {
    for (let i = 0; i < 400 && (await count()) < n; i += 1) await new Promise((r) => setTimeout(r, 25));
    return count();
  };
  return {
    database,
    db,
    store,
    stream,
    client,
    traced,
    consume,
    count,
    until,
    async [Symbol.asyncDispose]() {
      stream.close();
      client.destroy();
      await db.close();
      await kinesis[Symbol.asyncDispose]();
      await database[Symbol.asyncDispose]();
    },
  };
}

describe('the audit consumer against kinesalite and PostgreSQL', () => {
  it('appends each event once however often it is delivered, resumes from its checkpoints, and spans each event in its trace', async () => {
    await using env = await setup();
    const [a1, a2, b1] = [stockEvent('a', 1, null, 5), stockEvent('a', 2, 5, 3), stockEvent('b', 1, null, 7)];
    await env.stream.publishInOrder([a1, a2]);
    await env.stream.publishInOrder([b1]);
    // Delivered twice (a relay that crashed before marking it), and a record that is no event.
    await env.stream.publishInOrder([a1]);
    await env.client.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: 'x', Data: Buffer.from('not json') }));

    const consumer = env.consume();
    expect(await env.until(3)).toBe(3);
    await consumer.stop();
    expect(await env.count()).toBe(3);

    const trail = await env.store.trail({}, 10);
    expect(new Set(trail.map((e) => e.eventId))).toEqual(new Set([a1.eventId, a2.eventId, b1.eventId]));
    const ofA = await env.store.trail({ entityType: 'Stock', entityId: 'a' }, 10);
    expect(ofA.map((e) => [e.sequence, e.before, e.after])).toEqual([[2, { quantity: 5 }, { quantity: 3 }], [1, null, { quantity: 5 }]]);
    expect(ofA[0]).toMatchObject({ actorUserId: '9', actorAdmin: true, traceId: a2.traceId, service: 'inventory', type: 'StockSet' });
    expect(env.traced).toEqual(expect.arrayContaining([a1.traceId, a2.traceId, b1.traceId]));

    // A new consumer starts after its checkpoints: a later duplicate is dropped, a new event appended.
    await env.stream.publishInOrder([a2]);
    const b2 = stockEvent('b', 2, 7, 8);
    await env.stream.publishInOrder([b2]);
    const again = env.consume();
    expect(await env.until(4)).toBe(4);
    await new Promise((r) => setTimeout(r, 300));
    await again.stop();
    expect(await env.count()).toBe(4);
    expect((await env.store.trail({}, 1))[0]!.eventId).toBe(b2.eventId);
    expect(await verifyChain(env.store)).toEqual({ intact: true, entries: 4 });
  });
});

describe('npm run audit:verify', () => {
  it('passes on a written chain and names the first entry altered by SQL', async () => {
    await using env = await setup();
    const checkpoint = (n: number) => ({ stream: STREAM, shardId: 'shard-0', sequenceNumber: String(n) });
    for (let i = 1; i <= 5; i += 1) await env.store.append(stockEvent('c', i, i - 1, i), checkpoint(i));
    const verify = () =>
      run(process.execPath, [...sourceExecArgv, verifyScript], { env: { ...childEnv(), DATABASE_URL: env.database.url, LOG_LEVEL: 'silent' } }).then(
        ({ stdout }) => ({ code: 0, output: stdout }),
        (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
      );
    const intact = await verify();
    expect(intact).toEqual({ code: 0, output: 'audit trail intact: 5 entries\n' });

    await env.db.query(`UPDATE audit.entries SET after = '{"quantity": 999}' WHERE position = 3`);
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/^audit trail broken at entry 3 \(event [0-9a-f-]{36}\): its content does not give its hash/);
    expect(await verifyChain(env.store)).toMatchObject({ intact: false, position: 3, entries: 2 });

    // Rewriting the hash too does not hide it: the next entry no longer links to it.
    const { rows } = await env.db.query<{ hash: string }>('SELECT hash FROM audit.entries WHERE position = 3');
    const [third] = await env.store.chainAfter(2, 1);
    const { entryHash } = await import('./chain.ts');
    const { previousHash, hash: _, ...fields } = third!;
    await env.db.query('UPDATE audit.entries SET hash = $1 WHERE position = 3', [entryHash(previousHash, fields)]);
    expect(rows[0]!.hash).not.toBe(entryHash(previousHash, fields));
    expect(await verifyChain(env.store)).toMatchObject({ intact: false, position: 4 });
  }, 60_000);
});

describe('Query.auditTrail', () => {
  it('answers admins only, newest first, and refuses a bad filter or page size', async () => {
    await using env = await setup();
    for (let i = 1; i <= 3; i += 1) await env.store.append(stockEvent(i === 3 ? 'e' : 'd', i, null, i), { stream: STREAM, shardId: 's', sequenceNumber: String(i) });
    const execute = subgraphExecutor<AuditContext>('audit', resolvers);
    const context = (viewer: Identity | null): AuditContext => ({ store: env.store, cache: undefined as never, loaders: {}, subgraphs: {}, viewer });
    const query = 'query($f: AuditFilter, $n: Int) { auditTrail(filter: $f, first: $n) { position entityId sequence type before after traceId actor { id } actorAdmin hash previousHash } }';
    const admin = testViewer('1', ['admin']);

    const all = await execute<{ auditTrail: { position: number; entityId: string; after: string; actor: { id: string } }[] }>(query, { n: 2 }, context(admin));
    expect(all.errors).toBeUndefined();
    expect(all.data!.auditTrail.map((e) => e.position)).toEqual([3, 2]);
    expect(JSON.parse(all.data!.auditTrail[0]!.after)).toEqual({ quantity: 3 });
    expect(all.data!.auditTrail[0]!.actor).toEqual({ id: '9' });
    const ofD = await execute<{ auditTrail: { entityId: string }[] }>(query, { f: { entityType: 'Stock', entityId: 'd' } }, context(admin));
    expect(ofD.data!.auditTrail.map((e) => e.entityId)).toEqual(['d', 'd']);
    const ofService = await execute<{ auditTrail: unknown[] }>(query, { f: { service: 'reviews' } }, context(admin));
    expect(ofService.data!.auditTrail).toEqual([]);

    expect(codes(await execute(query, {}, context(testViewer('2'))))).toEqual(['FORBIDDEN']);
    expect(codes(await execute(query, {}, context(null)))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await execute(query, { f: { entityId: 'd' } }, context(admin)))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await execute(query, { f: { service: 'x'.repeat(129) } }, context(admin)))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await execute(query, { f: { service: "'; DROP TABLE audit.entries; --" } }, context(admin)))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await execute(query, { n: 0 }, context(admin)))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await execute(query, { n: 101 }, context(admin)))).toEqual(['BAD_USER_INPUT']);
  });
});
