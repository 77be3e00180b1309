import { createHash } from 'node:crypto';
import type { DomainEvent } from '@tributary/service-kit/subgraph';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: everything it records, its position included. */
export interface ChainedFields {
  position: number;
  eventId: string;
  service: string;
  entityType: string;
  entityId: string;
  sequence: number;
  type: string;
  actorUserId: string | null;
  actorAdmin: boolean;
  traceId: string | null;
  occurredAt: string;
  recordedAt: string;
  before: unknown;
  after: unknown;
  data: unknown;
}

/**
 * JSON with object keys sorted at every depth: the same value always gives the same text, whatever
 * order PostgreSQL's jsonb hands its keys back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the previous entry's hash and this entry's fields. */
export const entryHash = (previousHash: string, fields: ChainedFields): string =>
  createHash('sha256').update(previousHash).update('\n').update(canonicalJson(fields)).digest('hex');

/** One entry of the trail: what it records, chained to the entry before it. */
export interface ChainedEntry extends ChainedFields {
  previousHash: string;
  hash: string;
}

/**
 * The entry an event becomes at the end of the chain: next after `last` (null for the first
 * entry), the event's `before` and `after` apart from the rest of its data, hashed with the
 * previous entry's hash.
 */
export function chainEntry(last: Pick<ChainedEntry, 'position' | 'hash'> | null, event: DomainEvent, recordedAt: string): ChainedEntry {
  const previousHash = last?.hash ?? GENESIS_HASH;
  const { before = null, after = null, ...data } = event.data;
  const fields: ChainedFields = {
    position: (last?.position ?? 0) + 1,
    eventId: event.eventId,
    service: event.service,
    entityType: event.entityType,
    entityId: event.entityId,
    sequence: event.sequence,
    type: event.type,
    actorUserId: event.actor.userId ?? null,
    actorAdmin: Boolean(event.actor.admin),
    traceId: event.traceId ?? null,
    occurredAt: event.occurredAt,
    recordedAt,
    before,
    after,
    data,
  };
  return { ...fields, previousHash, hash: entryHash(previousHash, fields) };
}
