import type { Logger } from '../../observability/logger.ts';
import type { DomainEvent, NewDomainEvent } from './domain-event.ts';
import type { EventStream } from './kinesis-stream.ts';
import { byEntity, relayLoop, type OutboxRelay } from './relay-loop.ts';

/** What the outbox needs of PostgreSQL: a pg Pool or PoolClient, or the kit's Db or its transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

const SCHEMA = /^[a-z_][a-z0-9_]*$/;

function checkSchema(schema: string): string {
  if (!SCHEMA.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return schema;
}

/**
 * `<schema>.outbox`, idempotent: a migration of the service includes it. Published rows are kept
 * (they number the next event of their entity); `published_at` tells the relay what is left.
 */
export function outboxMigrationSql(schema: string): string {
  const s = checkSchema(schema);
  return `CREATE TABLE IF NOT EXISTS ${s}.outbox (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  sequence integer NOT NULL CHECK (sequence > 0),
  event jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  UNIQUE (entity_type, entity_id, sequence)
);
CREATE INDEX IF NOT EXISTS outbox_unpublished ON ${s}.outbox (id) WHERE published_at IS NULL;
`;
}

/**
 * Writes events to the outbox: call it inside the transaction that makes the change, so both
 * commit or neither does. An event without a `sequence` gets its entity's next one; a
 * transaction-scoped lock per entity keeps concurrent writers of one entity from taking the same.
 * Returns the events as written (numbered).
 */
export async function writeOutbox(client: Queryable, schema: string, events: readonly NewDomainEvent[]): Promise<DomainEvent[]> {
  const s = checkSchema(schema);
  const written: DomainEvent[] = [];
  for (const event of events) {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`outbox:${s}:${event.entityType}:${event.entityId}`]);
    const { sequence: given, ...rest } = event;
    const { rows } = await client.query(
      `WITH next AS (
         SELECT COALESCE($4::integer, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM ${s}.outbox WHERE entity_type = $2 AND entity_id = $3)) AS seq)
       INSERT INTO ${s}.outbox (event_id, entity_type, entity_id, sequence, event)
       SELECT $1, $2, $3, next.seq, $5::jsonb || jsonb_build_object('sequence', next.seq) FROM next
       RETURNING sequence`,
      [event.eventId, event.entityType, event.entityId, given ?? null, JSON.stringify(rest)],
    );
    written.push({ ...rest, sequence: (rows[0] as { sequence: number }).sequence });
  }
  return written;
}

export interface PostgresRelayOptions {
  /** The service's pool (a pg Pool or the kit's Db). */
  pool: Queryable;
  schema: string;
  stream: EventStream;
  logger: Logger;
  /** How often unpublished rows are looked for (what a write's flush missed). @default 1000 */
  intervalMs?: number;
  /** Rows per pass. @default 500 */
  batchSize?: number;
}

/** One relay pass: the oldest unpublished rows, published per entity in order, then marked published. */
export async function relayPostgresOutbox({ pool, schema, stream, batchSize = 500 }: PostgresRelayOptions): Promise<number> {
  const s = checkSchema(schema);
  const { rows } = await pool.query(
    `SELECT id::text AS id, event FROM ${s}.outbox WHERE published_at IS NULL ORDER BY id LIMIT $1`,
    [batchSize],
  );
  const pending = (rows as { id: string; event: DomainEvent }[]).map((r) => ({ ...r.event, rowId: r.id }));
  if (!pending.length) return 0;
  const published: string[] = [];
  // Entities in parallel, each entity's events one after the other.
  const results = await Promise.allSettled(
    byEntity(pending).map(async (group) => {
      const events = group.map(({ rowId: _, ...event }) => event);
      const count = await stream.publishInOrder(events);
      published.push(...group.slice(0, count).map((e) => e.rowId));
    }),
  );
  if (published.length) {
    await pool.query(`UPDATE ${s}.outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [published]);
  }
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return published.length;
}

/**
 * Publishes the outbox of `schema` to the stream: at least once (a crash between publishing and
 * marking publishes again; consumers deduplicate by eventId), in order per entity. Several
 * replicas may relay at once: they may publish an event twice, never an entity's events out of
 * order, since each publishes an entity's events in order starting from its oldest unpublished one.
 */
export function startOutboxRelay(options: PostgresRelayOptions): OutboxRelay {
  return relayLoop(`${options.schema}.outbox`, options.intervalMs ?? 1_000, options.logger, () => relayPostgresOutbox(options));
}
