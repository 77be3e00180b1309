import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { startTestDynamo } from '../../../../test-support/dynamo.ts';
import { startTestKinesis } from '../../../../test-support/kinesis.ts';
import { silentLogger } from '../../../../test-support/logger.ts';
import { createTestDatabase } from '../../../../test-support/postgres.ts';
import { createDynamo, ensureTable } from '../stores/dynamodb.ts';
import { createDb } from '../stores/postgres.ts';
import { domainEvent, type DomainEvent, type EventInput } from './domain-event.ts';
import { pendingEvents, startDynamoOutboxRelay, withOutbox, withOutboxIndex } from './dynamo-outbox.ts';
import { kinesisStream, type EventStream } from './kinesis-stream.ts';
import { outboxMigrationSql, relayPostgresOutbox, startOutboxRelay, writeOutbox } from './postgres-outbox.ts';

const event = (entityId: string, type: string, data: EventInput['data'] = {}) =>
  domainEvent({ service: 'test', entityType: 'Thing', entityId, type, data, traceId: '1-5f000000-000000000000000000000001' });

const summary = (events: DomainEvent[]) => events.map((e) => `${e.entityId}#${e.sequence}:${e.type}`);

/** A stream that fails every put once it has published `limit` events. */
function failingAfter(stream: EventStream, limit: number): EventStream {
  let left = limit;
  return {
    name: stream.name,
    async publishInOrder(events) {
      const allowed = events.slice(0, Math.max(0, left));
      left -= allowed.length;
      if (!allowed.length) throw new Error('stream unavailable');
      return stream.publishInOrder(allowed);
    },
    close: () => stream.close(),
  };
}

describe('the PostgreSQL outbox and its relay, against PostgreSQL and kinesalite', () => {
  it('commits events with the change or not at all, numbers them per entity, and publishes them in order once marked', async () => {
    await using database = await createTestDatabase();
    await using kinesis = await startTestKinesis();
    await kinesis.createStream('events', 2);
    const db = createDb({ url: database.url, max: 4, logger: silentLogger });
    const stream = kinesisStream({ streamName: 'events', region: 'us-east-1', endpoint: kinesis.endpoint });
    try {
      await db.query('CREATE SCHEMA things');
      await db.query(outboxMigrationSql('things'));
      await db.query(outboxMigrationSql('things'));
      await db.query('CREATE TABLE things.things (id text PRIMARY KEY, n int)');
      const change = (id: string, n: number, fail = false) =>
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO things.things VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET n = $2', [id, n]);
          const written = await writeOutbox(tx, 'things', [event(id, `Set${n}`, { after: { n } })]);
          if (fail) throw new Error('rolled back');
          return written;
        });
      expect((await change('a', 1))[0]!.sequence).toBe(1);
      await expect(change('a', 99, true)).rejects.toThrow('rolled back');
      // Concurrent writers of one entity each get the next number.
      await Promise.all([change('a', 2), change('b', 1), change('a', 3)]);
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM things.outbox WHERE event->>'type' = 'Set99'");
      expect(rows[0]!.n).toBe(0);

      // The first pass publishes two events, then the stream fails: those two are marked, nothing else.
      await expect(relayPostgresOutbox({ pool: db, schema: 'things', stream: failingAfter(stream, 2), logger: silentLogger, batchSize: 1 })).resolves.toBe(1);
      const relay = startOutboxRelay({ pool: db, schema: 'things', stream, logger: silentLogger, intervalMs: 60_000 });
      await relay.flush();
      await relay.stop();
      const published = await kinesis.readEvents('events');
      const a = published.filter((e) => e.entityId === 'a');
      expect(a.map((e) => e.sequence)).toEqual([1, 2, 3]);
      expect(new Set(a.map((e) => e.type))).toEqual(new Set(['Set1', 'Set2', 'Set3']));
      expect(summary(published.filter((e) => e.entityId === 'b'))).toEqual(['b#1:Set1']);
      expect(published[0]!.traceId).toBe('1-5f000000-000000000000000000000001');
      const left = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM things.outbox WHERE published_at IS NULL');
      expect(left.rows[0]!.n).toBe(0);
    } finally {
      stream.close();
      await db.close();
    }
  });

  it('publishes again what it could not mark (at least once): the same event id twice', async () => {
    await using database = await createTestDatabase();
    await using kinesis = await startTestKinesis();
    await kinesis.createStream('events');
    const db = createDb({ url: database.url, max: 2, logger: silentLogger });
    const stream = kinesisStream({ streamName: 'events', region: 'us-east-1', endpoint: kinesis.endpoint });
    try {
      await db.query('CREATE SCHEMA things');
      await db.query(outboxMigrationSql('things'));
      await writeOutbox(db, 'things', [event('a', 'Made')]);
      // Marking fails (as if the process died between publishing and marking).
      const unmarked = { query: (text: string, values?: unknown[]) => (text.startsWith('UPDATE') ? Promise.reject(new Error('died')) : db.query(text, values)) };
      await expect(relayPostgresOutbox({ pool: unmarked, schema: 'things', stream, logger: silentLogger })).rejects.toThrow('died');
      expect(await relayPostgresOutbox({ pool: db, schema: 'things', stream, logger: silentLogger })).toBe(1);
      const published = await kinesis.readEvents('events');
      expect(published).toHaveLength(2);
      expect(published[0]!.eventId).toBe(published[1]!.eventId);
    } finally {
      stream.close();
      await db.close();
    }
  });
});

describe('the DynamoDB outbox and its relay, against dynalite and kinesalite', () => {
  it('writes events in the same conditional UpdateItem as the change, and publishes them in order', async () => {
    await using dynalite = await startTestDynamo();
    await using kinesis = await startTestKinesis();
    await kinesis.createStream('events');
    const dynamo = createDynamo({ region: 'us-east-1', endpoint: dynalite.endpoint });
    const stream = kinesisStream({ streamName: 'events', region: 'us-east-1', endpoint: kinesis.endpoint });
    const table = 'things';
    await ensureTable(
      dynamo.client,
      withOutboxIndex({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    const relay = startDynamoOutboxRelay({ doc: dynamo.doc, table, keyAttributes: ['id'], stream, logger: silentLogger, sweepIntervalMs: 60_000 });
    const set = (id: string, n: number, condition?: string) =>
      dynamo.doc.send(
        new UpdateCommand(withOutbox(
          {
            TableName: table,
            Key: { id },
            UpdateExpression: 'SET n = :n',
            ...(condition ? { ConditionExpression: condition } : {}),
            ExpressionAttributeValues: { ':n': n },
          },
          [event(id, `Set${n}`)],
        )),
      );
    try {
      await set('a', 1);
      await set('a', 2);
      // A failed condition writes neither the change nor its event.
      await expect(set('a', 3, 'n = :n')).rejects.toThrow(/conditional/i);
      const before = await dynamo.doc.send(new UpdateCommand({ TableName: table, Key: { id: 'a' }, UpdateExpression: 'SET m = :m', ExpressionAttributeValues: { ':m': 0 }, ReturnValues: 'ALL_NEW' }));
      expect(summary(pendingEvents(before.Attributes))).toEqual(['a#1:Set1', 'a#2:Set2']);

      // The sweep at start finds the item through the sparse index; a later write is flushed by its own writer.
      await relay.flush();
      await set('a', 4);
      relay.written({ id: 'a' });
      await relay.flush();
      expect(summary(await kinesis.readEvents('events'))).toEqual(['a#1:Set1', 'a#2:Set2', 'a#3:Set4']);
      const after = await dynamo.doc.send(new UpdateCommand({ TableName: table, Key: { id: 'a' }, UpdateExpression: 'SET m = :m', ExpressionAttributeValues: { ':m': 1 }, ReturnValues: 'ALL_NEW' }));
      expect(after.Attributes).toMatchObject({ n: 4, outbox: [], outboxSequence: 3 });
      // Published to the end: out of the sparse index the sweep reads.
      expect(after.Attributes).not.toHaveProperty('outboxPending');
    } finally {
      await relay.stop();
      stream.close();
      dynamo.close();
    }
  });
});
