import type { StoreStandIn } from '@tributary/service-kit/subgraph/testing';
import { applyEvent, foldEvents, type Order, type OrderEvent, type OrderEventData } from '../order-events.ts';
import { ConcurrentAppend, type EventMeta, type OrderRow, type OrderStore } from '../order-store.ts';

const row = ({ progress: _progress, ...order }: Order): OrderRow => order;

/**
 * orders.order_events and their projection in memory, for resolver and saga tests: OrderStore's
 * behaviour (one order per user and idempotency key, optimistic appends in sequence, newest
 * first). Its clock ticks a millisecond per event, so "newest" is the order placed last.
 */
export class MemoryOrderStore implements StoreStandIn<OrderStore> {
  readonly log = new Map<string, OrderEvent[]>();
  /** Who caused each append, in order: what the events carry to the stream. */
  readonly metas: EventMeta[] = [];
  /** Appends that lose to a concurrent writer first, to make the caller reload. */
  conflicts = 0;
  private clock: number;

  constructor(now = Date.parse('2026-12-01T12:00:00.000Z')) {
    this.clock = now;
  }

  private tick(): string {
    this.clock += 1;
    return new Date(this.clock).toISOString();
  }

  async load(orderId: string): Promise<Order | null> {
    return foldEvents(this.log.get(orderId) ?? []);
  }

  async events(orderId: string): Promise<OrderEvent[]> {
    return [...(this.log.get(orderId) ?? [])];
  }

  async historyOf(orderIds: readonly string[]): Promise<Map<string, OrderEvent[]>> {
    return new Map(orderIds.flatMap((id) => (this.log.has(id) ? [[id, [...this.log.get(id)!]] as const] : [])));
  }

  private orders(): Order[] {
    return [...this.log.values()].map((events) => foldEvents(events)!);
  }

  async findByIds(ids: readonly string[]): Promise<OrderRow[]> {
    return this.orders().filter((o) => ids.includes(o.id)).map(row);
  }

  async findByIdempotencyKey(userId: string, key: string): Promise<OrderRow | null> {
    const found = this.orders().find((o) => o.userId === userId && o.idempotencyKey === key);
    return found ? row(found) : null;
  }

  async newestByUsers(userIds: readonly string[], first: number): Promise<OrderRow[]> {
    const newest = (a: Order, b: Order) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
    return userIds.flatMap((userId) => this.orders().filter((o) => o.userId === userId).sort(newest).slice(0, first).map(row));
  }

  async place(orderId: string, placed: Extract<OrderEventData, { type: 'OrderPlaced' }>, meta: EventMeta): Promise<Order | null> {
    if (this.orders().some((o) => o.userId === placed.userId && o.idempotencyKey === placed.idempotencyKey)) return null;
    const event: OrderEvent = { orderId, sequence: 1, occurredAt: this.tick(), data: placed };
    const order = applyEvent(null, event);
    this.log.set(orderId, [event]);
    this.metas.push(meta);
    return order;
  }

  async append(order: Order, events: OrderEventData[], meta: EventMeta): Promise<Order> {
    const log = this.log.get(order.id) ?? [];
    if (log.length !== order.version) throw new ConcurrentAppend(order.id);
    if (this.conflicts > 0) {
      this.conflicts -= 1;
      throw new ConcurrentAppend(order.id);
    }
    const appended = events.map((data, i): OrderEvent => ({ orderId: order.id, sequence: order.version + 1 + i, occurredAt: this.tick(), data }));
    const next = appended.reduce(applyEvent, order);
    log.push(...appended);
    this.metas.push(meta);
    return next;
  }

  async unfinished(idleMs: number): Promise<string[]> {
    const before = new Date(Date.now() - idleMs).toISOString();
    return this.orders()
      .filter((o) => o.saga !== null && o.updatedAt < before)
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .map((o) => o.id);
  }
}
