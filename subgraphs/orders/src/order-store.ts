import { randomUUID } from 'node:crypto';
import { writeOutbox, type Db, type NewDomainEvent, type OutboxRelay } from '@tributary/service-kit/subgraph';
import { applyEvent, foldEvents, type Order, type OrderEvent, type OrderEventData, type OrderLine } from './order-events.ts';

/** Who caused an event, and in which trace: carried on every event (and later on its stream record). */
export interface EventMeta {
  actor: { userId: string | null; admin: boolean };
  traceId: string | null;
}

/** Another writer appended to the order first: reload it and decide again. */
export class ConcurrentAppend extends Error {
  constructor(orderId: string) {
    super(`order ${orderId} changed meanwhile`);
    this.name = 'ConcurrentAppend';
  }
}

/** An order as queries read it: the projection's row. */
export type OrderRow = Omit<Order, 'progress' | 'saga'> & { saga: Order['saga'] };

const TIME = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `o.id::text AS id, o.user_id AS "userId", o.idempotency_key AS "idempotencyKey", o.status, o.lines,
  o.total::float8 AS total, o.rejection_code AS "rejectionCode", o.rejection_message AS "rejectionMessage", o.saga, o.version,
  ${TIME('o.created_at')} AS "createdAt", ${TIME('o.updated_at')} AS "updatedAt"`;

interface Row extends Omit<OrderRow, 'rejection'> {
  rejectionCode: string | null;
  rejectionMessage: string | null;
}

const toOrder = ({ rejectionCode, rejectionMessage, ...row }: Row): OrderRow => ({
  ...row,
  lines: row.lines as OrderLine[],
  rejection: rejectionCode ? { code: rejectionCode, message: rejectionMessage ?? '' } : null,
});

const UNIQUE_VIOLATION = '23505';

/**
 * orders.order_events (the source of truth, append-only) and orders.orders (its projection): the
 * only tables the orders service owns. Every append writes the events and the projection in one
 * transaction, so a query never sees an order its events do not say.
 */
export class OrderStore {
  private readonly db: Db;
  private readonly relay: OutboxRelay | undefined;

  /** `relay`: the outbox relay, flushed after each append (absent: left to its next pass). */
  constructor(db: Db, relay?: OutboxRelay) {
    this.db = db;
    this.relay = relay;
  }

  /** The order as its events say, or null when it has none. */
  async load(orderId: string): Promise<Order | null> {
    return foldEvents(await this.events(orderId));
  }

  async events(orderId: string): Promise<OrderEvent[]> {
    return (await this.historyOf([orderId])).get(orderId) ?? [];
  }

  /** Each order's events in sequence, for many orders in one round trip. */
  async historyOf(orderIds: readonly string[]): Promise<Map<string, OrderEvent[]>> {
    const { rows } = await this.db.query<{ orderId: string; sequence: number; occurredAt: string; data: OrderEventData }>(
      `SELECT order_id::text AS "orderId", sequence, ${TIME('occurred_at')} AS "occurredAt", jsonb_set(data, '{type}', to_jsonb(type)) AS data
         FROM orders.order_events WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, sequence`,
      [orderIds],
    );
    const history = new Map<string, OrderEvent[]>();
    for (const row of rows) {
      const list = history.get(row.orderId) ?? [];
      list.push(row);
      history.set(row.orderId, list);
    }
    return history;
  }

  async findByIds(ids: readonly string[]): Promise<OrderRow[]> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM orders.orders o WHERE o.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toOrder);
  }

  async findByIdempotencyKey(userId: string, key: string): Promise<OrderRow | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM orders.orders o WHERE o.user_id = $1 AND o.idempotency_key = $2`,
      [userId, key],
    );
    return rows[0] ? toOrder(rows[0]) : null;
  }

  /** The `first` newest orders of each user, for many users in one round trip. */
  async newestByUsers(userIds: readonly string[], first: number): Promise<OrderRow[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS}
         FROM unnest($1::text[]) AS k(key)
         CROSS JOIN LATERAL (
           SELECT * FROM orders.orders x WHERE x.user_id = k.key ORDER BY x.created_at DESC, x.id DESC LIMIT $2) o`,
      [userIds, first],
    );
    return rows.map(toOrder);
  }

  /**
   * Records a new order (its OrderPlaced event and projection). Null when the user already has an
   * order with this idempotency key: the caller answers with that one.
   */
  async place(orderId: string, placed: Extract<OrderEventData, { type: 'OrderPlaced' }>, meta: EventMeta): Promise<Order | null> {
    try {
      const order = await this.db.transaction(async (tx) => {
        const created = applyEvent(null, { orderId, sequence: 1, occurredAt: new Date().toISOString(), data: placed });
        await insertEvents(tx, created, [placed], meta);
        await writeOutbox(tx, 'orders', [streamEvent(null, created, placed, meta)]);
        await tx.query(
          `INSERT INTO orders.orders (id, user_id, idempotency_key, status, lines, total, saga, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())`,
          [created.id, created.userId, created.idempotencyKey, created.status, JSON.stringify(created.lines), created.total, created.saga, created.version],
        );
        return created;
      });
      await this.relay?.flush();
      return order;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  /**
   * Appends events after `order.version` and updates the projection, in one transaction. Throws
   * ConcurrentAppend when someone else appended first.
   */
  async append(order: Order, events: OrderEventData[], meta: EventMeta): Promise<Order> {
    try {
      const appended = await this.db.transaction(async (tx) => {
        const now = new Date().toISOString();
        const states: Order[] = [];
        const next = events.reduce((o, data, i) => {
          const after = applyEvent(o, { orderId: order.id, sequence: order.version + 1 + i, occurredAt: now, data });
          states.push(after);
          return after;
        }, order);
        await insertEvents(tx, order, events, meta);
        await writeOutbox(tx, 'orders', events.map((data, i) => streamEvent(i === 0 ? order : states[i - 1]!, states[i]!, data, meta)));
        const { rowCount } = await tx.query(
          `UPDATE orders.orders SET status = $2, rejection_code = $3, rejection_message = $4, saga = $5, version = $6, updated_at = now()
            WHERE id = $1 AND version = $7`,
          [order.id, next.status, next.rejection?.code ?? null, next.rejection?.message ?? null, next.saga, next.version, order.version],
        );
        if (rowCount !== 1) throw new ConcurrentAppend(order.id);
        return next;
      });
      await this.relay?.flush();
      return appended;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ConcurrentAppend(order.id);
      throw error;
    }
  }

  /** Orders whose saga has not finished and that nobody advanced for `idleMs`: a crashed process's. */
  async unfinished(idleMs: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id::text AS id FROM orders.orders WHERE saga IS NOT NULL AND updated_at < now() - $1 * interval '1 millisecond' ORDER BY updated_at`,
      [idleMs],
    );
    return rows.map((r) => r.id);
  }
}

/** What an order's change looks like on the stream: the event, numbered as in the order's own log, with the status before and after. */
function streamEvent(before: Order | null, after: Order, { type, ...data }: OrderEventData, meta: EventMeta): NewDomainEvent {
  const state = (o: Order) => ({ status: o.status, total: o.total });
  return {
    eventId: randomUUID(),
    service: 'orders',
    entityType: 'Order',
    entityId: after.id,
    sequence: after.version,
    type,
    occurredAt: new Date().toISOString(),
    actor: meta.actor,
    traceId: meta.traceId,
    data: { ...data, userId: after.userId, before: before ? state(before) : null, after: state(after) },
  };
}

async function insertEvents(tx: Pick<Db, 'query'>, order: Pick<Order, 'id' | 'version'>, events: OrderEventData[], meta: EventMeta): Promise<void> {
  const first = events[0]?.type === 'OrderPlaced' ? 1 : order.version + 1;
  await tx.query(
    `INSERT INTO orders.order_events (order_id, sequence, type, data, actor_user_id, actor_admin, trace_id, occurred_at)
     SELECT $1, s, t, d, $5, $6, $7, clock_timestamp()
       FROM unnest($2::int[], $3::text[], $4::jsonb[]) AS e(s, t, d)`,
    [
      order.id,
      events.map((_, i) => first + i),
      events.map((e) => e.type),
      events.map(({ type: _type, ...data }) => JSON.stringify(data)),
      meta.actor.userId,
      meta.actor.admin,
      meta.traceId,
    ],
  );
}
