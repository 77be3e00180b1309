import type { DomainEvent } from '@tributary/service-kit/subgraph';
import type { Db } from '@tributary/service-kit/subgraph';
import { chainEntry, type ChainedEntry } from './chain.ts';

/** One entry of the trail, as stored. */
export type AuditEntry = ChainedEntry;

export interface AuditFilter {
  service?: string | null;
  entityType?: string | null;
  entityId?: string | null;
}

/** Where the consumer is in a shard. */
export interface Checkpoint {
  stream: string;
  shardId: string;
  sequenceNumber: string;
}

const COLUMNS = `position::int AS position, event_id::text AS "eventId", service, entity_type AS "entityType", entity_id AS "entityId",
  sequence, type, actor_user_id AS "actorUserId", actor_admin AS "actorAdmin", trace_id AS "traceId",
  occurred_at AS "occurredAt", recorded_at AS "recordedAt", before, after, data, previous_hash AS "previousHash", hash`;

/** One transaction at a time appends: the chain has one end. */
const CHAIN_LOCK = 'audit:chain';

/** audit.entries and audit.checkpoints: the only tables the audit service owns. */
export class AuditStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Appends the event to the chain unless an entry has its id already (the stream delivers at
   * least once), and moves the shard's checkpoint past it, in one transaction: a crash leaves
   * both or neither. Returns the entry appended, or null for a duplicate (or no event).
   */
  async append(event: DomainEvent | null, checkpoint: Checkpoint, recordedAt = new Date().toISOString()): Promise<AuditEntry | null> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [CHAIN_LOCK]);
      let entry: AuditEntry | null = null;
      const known = event ? await tx.query('SELECT 1 FROM audit.entries WHERE event_id = $1', [event.eventId]) : { rows: [1] };
      if (event && known.rows.length === 0) {
        const { rows } = await tx.query<{ position: number; hash: string }>('SELECT position::int AS position, hash FROM audit.entries ORDER BY position DESC LIMIT 1');
        entry = chainEntry(rows[0] ?? null, event, recordedAt);
        await tx.query(
          `INSERT INTO audit.entries (position, event_id, service, entity_type, entity_id, sequence, type, actor_user_id, actor_admin,
             trace_id, occurred_at, recorded_at, before, after, data, previous_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15::jsonb, $16, $17)`,
          [
            entry.position, entry.eventId, entry.service, entry.entityType, entry.entityId, entry.sequence, entry.type, entry.actorUserId,
            entry.actorAdmin, entry.traceId, entry.occurredAt, entry.recordedAt, JSON.stringify(entry.before), JSON.stringify(entry.after),
            JSON.stringify(entry.data), entry.previousHash, entry.hash,
          ],
        );
      }
      await tx.query(
        `INSERT INTO audit.checkpoints (stream, shard_id, sequence_number) VALUES ($1, $2, $3)
         ON CONFLICT (stream, shard_id) DO UPDATE SET sequence_number = EXCLUDED.sequence_number, updated_at = now()`,
        [checkpoint.stream, checkpoint.shardId, checkpoint.sequenceNumber],
      );
      return entry;
    });
  }

  /** The last sequence number handled in the shard, or null to start from its oldest record. */
  async checkpoint(stream: string, shardId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ sequenceNumber: string }>(
      'SELECT sequence_number AS "sequenceNumber" FROM audit.checkpoints WHERE stream = $1 AND shard_id = $2',
      [stream, shardId],
    );
    return rows[0]?.sequenceNumber ?? null;
  }

  /** The newest `first` entries matching the filter. */
  async trail(filter: AuditFilter, first: number): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<AuditEntry>(
      `SELECT ${COLUMNS} FROM audit.entries
        WHERE ($1::text IS NULL OR service = $1) AND ($2::text IS NULL OR entity_type = $2) AND ($3::text IS NULL OR entity_id = $3)
        ORDER BY position DESC LIMIT $4`,
      [filter.service ?? null, filter.entityType ?? null, filter.entityId ?? null, first],
    );
    return rows;
  }

  /** Entries in chain order after `position`, at most `limit`: what verification walks. */
  async chainAfter(position: number, limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<AuditEntry>(`SELECT ${COLUMNS} FROM audit.entries WHERE position > $1 ORDER BY position LIMIT $2`, [position, limit]);
    return rows;
  }
}
