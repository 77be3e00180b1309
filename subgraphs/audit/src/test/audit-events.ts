import type { DomainEvent } from '@tributary/service-kit/subgraph';

let next = 0;

/** A domain event as a service would publish it (a fresh id each time unless given), for audit tests. */
export function event(fields: Partial<DomainEvent> = {}): DomainEvent {
  next += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    service: 'inventory',
    entityType: 'Stock',
    entityId: 'p1',
    sequence: next,
    type: 'StockSet',
    occurredAt: `2026-12-01T12:00:${String(next % 60).padStart(2, '0')}.000Z`,
    actor: { userId: '9', admin: true },
    traceId: `1-5f000000-${String(next).padStart(24, '0')}`,
    data: { before: { quantity: next - 1 }, after: { quantity: next } },
    ...fields,
  };
}

const checkpoint = { stream: 'events', shardId: 'shardId-000000000000', sequenceNumber: '1' };

/** Appends each event to the trail as the consumer would, recorded at a fixed time. */
export async function appendAll(store: { append(event: DomainEvent, at: typeof checkpoint, recordedAt: string): Promise<unknown> }, events: DomainEvent[]): Promise<void> {
  for (const e of events) await store.append(e, checkpoint, '2026-12-01T12:01:00.000Z');
}
