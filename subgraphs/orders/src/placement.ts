import { randomUUID } from 'node:crypto';
import { badUserInput, currentRequestScope, forbidden, Refusal, type Identity, type RefusalCode } from '@tributary/service-kit';
import type { OrdersContext } from './context.ts';
import type { PlaceOrderInput } from './generated/resolver-types.ts';
import type { Order, OrderLine } from './order-events.ts';
import { ConcurrentAppend, type EventMeta, type OrderRow } from './order-store.ts';
import { ownsOrAdmin } from './policies.ts';
import { MAX_TOTAL, validatePlaceOrder, type RequestedLine } from './validation.ts';

const metaOf = (viewer: Identity): EventMeta => ({
  actor: { userId: viewer.userId, admin: viewer.scopes.includes('admin') },
  traceId: currentRequestScope()?.traceId ?? null,
});

/** A rejected order answers as the error the client acts on, with the order's id to look it up by. */
function answer(order: OrderRow): OrderRow {
  if (order.status === 'REJECTED') {
    throw new Refusal((order.rejection?.code ?? 'ORDER_REJECTED') as RefusalCode, order.rejection?.message ?? 'The order was rejected', { orderId: order.id });
  }
  return order;
}

const sameLines = (a: readonly RequestedLine[], b: readonly OrderLine[]) =>
  a.length === b.length && a.every((line) => b.some((o) => o.upc === line.upc && o.quantity === line.quantity));

/** The catalog's prices of the lines, asked through the graph; an unknown product is the client's mistake. */
async function price(lines: RequestedLine[], { subgraphs }: OrdersContext): Promise<OrderLine[]> {
  const found = await subgraphs.products.select('Product', 'upc', lines.map((l) => l.upc), 'price');
  return lines.map(({ upc, quantity }) => {
    const unitPrice = found.get(upc)?.price;
    if (typeof unitPrice !== 'number') throw badUserInput(`no product with upc ${upc}`, 'productUpc');
    return { upc, quantity, unitPrice };
  });
}

/** An order already placed with this key: the same answer as the first time, once its saga has finished here. */
async function replay(existing: OrderRow, lines: RequestedLine[], context: OrdersContext): Promise<OrderRow> {
  if (!sameLines(lines, existing.lines)) throw badUserInput('idempotencyKey was already used for a different order', 'idempotencyKey');
  const { saga } = context.subgraphs;
  if (existing.saga && saga.isRunning(existing.id)) return answer(await saga.run(context.store, existing.id, metaOf(context.viewer!)));
  return answer(existing);
}

/**
 * placeOrder for the signed-in viewer: checks and prices the lines (writing nothing when they are
 * wrong), records OrderPlaced, then runs the saga to its end in this request.
 */
export async function placeOrder(input: PlaceOrderInput, context: OrdersContext): Promise<OrderRow> {
  const viewer = context.viewer!;
  const { lines, idempotencyKey } = validatePlaceOrder(input);
  const { store, subgraphs } = context;
  const existing = await store.findByIdempotencyKey(viewer.userId, idempotencyKey);
  if (existing) return replay(existing, lines, context);
  const priced = await price(lines, context);
  const total = priced.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  if (total > MAX_TOTAL) throw badUserInput(`an order's total is at most ${MAX_TOTAL} cents`, 'lines');
  const meta = metaOf(viewer);
  const placed = await store.place(randomUUID(), { type: 'OrderPlaced', userId: viewer.userId, idempotencyKey, lines: priced, total }, meta);
  // The same key placed concurrently: that order is the answer.
  if (!placed) return replay((await store.findByIdempotencyKey(viewer.userId, idempotencyKey))!, lines, context);
  return answer(await subgraphs.saga.run(store, placed.id, meta));
}

/** The order if the viewer may see it: FORBIDDEN for someone else's, null when there is none. */
export async function visibleOrder(id: string, { loaders, viewer }: OrdersContext): Promise<OrderRow | null> {
  const order = await loaders.order.load(id);
  if (order && !ownsOrAdmin(order.userId, viewer!)) throw forbidden('This order is not yours');
  return order;
}

/** cancelOrder: a confirmed order's stock back and credit refunded, by a saga like placing it. */
export async function cancelOrder(id: string, context: OrdersContext): Promise<Order> {
  const { store, subgraphs, viewer } = context;
  const meta = metaOf(viewer!);
  for (;;) {
    const order = await store.load(id);
    if (!order) throw badUserInput(`no order with id ${id}`, 'id');
    if (!ownsOrAdmin(order.userId, viewer!)) throw forbidden('This order is not yours');
    if (order.status !== 'CONFIRMED' || order.saga) {
      throw badUserInput(`only a confirmed order can be cancelled; this one is ${order.saga === 'cancelling' ? 'being cancelled' : order.status}`, 'id');
    }
    try {
      await store.append(order, [{ type: 'CancelRequested' }], meta);
    } catch (error) {
      if (error instanceof ConcurrentAppend) continue;
      throw error;
    }
    return subgraphs.saga.run(store, id, meta);
  }
}
