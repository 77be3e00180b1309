import { randomUUID } from 'node:crypto';
import type { Identity } from '../../identity/signed-identity.ts';
import { currentRequestScope } from '../../observability/request-scope.ts';

/** Who caused a change: the signed-in caller, or nobody (seeding, a timer, a saga's compensation). */
export interface EventActor {
  userId: string | null;
  admin: boolean;
}

/**
 * One domain event, as written to an outbox and published to the stream. Consumers deduplicate
 * by `eventId`; `sequence` orders the events of one entity (1, 2, 3…), and the stream's partition
 * key is `entityType:entityId`, so one entity's events stay on one shard, in order.
 */
export interface DomainEvent {
  /** uuid v4. */
  eventId: string;
  /** The service that owns the entity: 'orders', 'inventory', 'reviews'… */
  service: string;
  entityType: string;
  entityId: string;
  sequence: number;
  /** Past tense: 'StockSet', 'ReviewAdded', 'OrderPlaced'… */
  type: string;
  /** ISO 8601. */
  occurredAt: string;
  actor: EventActor;
  /** The X-Ray trace id of the request that caused it. */
  traceId: string | null;
  data: { before?: unknown; after?: unknown; [key: string]: unknown };
}

/** An event before its outbox numbers it: the outbox assigns `sequence` per entity when absent. */
export type NewDomainEvent = Omit<DomainEvent, 'sequence'> & { sequence?: number };

/** What `domainEvent` needs; the rest (id, time, trace id) it fills in. */
export interface EventInput {
  service: string;
  entityType: string;
  entityId: string;
  type: string;
  data: DomainEvent['data'];
  /** The caller; null or absent for changes nobody asked for. */
  viewer?: Identity | null;
  /** @default the current request's trace id, if any */
  traceId?: string | null;
}

export const actorOf = (viewer: Identity | null | undefined): EventActor => ({
  userId: viewer?.userId ?? null,
  admin: viewer?.scopes.includes('admin') ?? false,
});

/** A new event, stamped with a fresh id, the time, the caller and the trace id of the request it happens in. */
export function domainEvent(input: EventInput): NewDomainEvent {
  return {
    eventId: randomUUID(),
    service: input.service,
    entityType: input.entityType,
    entityId: input.entityId,
    type: input.type,
    occurredAt: new Date().toISOString(),
    actor: actorOf(input.viewer),
    traceId: input.traceId !== undefined ? input.traceId : (currentRequestScope()?.traceId ?? null),
    data: input.data,
  };
}

/** The stream's partition key: one entity's events land on one shard, so they stay in order. */
export const partitionKey = (event: Pick<DomainEvent, 'entityType' | 'entityId'>): string => `${event.entityType}:${event.entityId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a record's data back into an event; null for anything that is not one (a consumer skips it). */
export function parseDomainEvent(bytes: Uint8Array): DomainEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return null;
  }
  const e = value as Partial<DomainEvent> | null;
  if (!e || typeof e !== 'object') return null;
  const strings = [e.eventId, e.service, e.entityType, e.entityId, e.type, e.occurredAt];
  if (!strings.every((s) => typeof s === 'string' && s.length > 0) || !UUID.test(e.eventId!)) return null;
  if (!Number.isInteger(e.sequence) || e.sequence! < 1) return null;
  if (!e.actor || typeof e.actor !== 'object' || typeof e.data !== 'object' || e.data === null) return null;
  return e as DomainEvent;
}
