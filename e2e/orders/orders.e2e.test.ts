import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../support/stack.ts';
import { shop } from './shop.ts';
import { readStores, reconcile } from './stores.ts';
import { streamEvents } from './stream.ts';
import { setTimeout as sleep } from 'node:timers/promises';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let api: ReturnType<typeof shop>;

beforeAll(async () => {
  stack = await startTestStack();
  api = shop(stack);
});
afterAll(() => stack?.[Symbol.asyncDispose]());

// Each test buys its own seeded products as its own seeded users, so they do not interfere.
const upc = (n: number) => String(100_000_000_000 + n);

describe('placing an order across orders, inventory and payments', () => {
  it('confirms an order: stock down, credit down, CONFIRMED, its events in its history, composed with the rest of the graph', async () => {
    await api.setStock(upc(1), 20);
    const { price } = await api.product(upc(1));
    const credit = await api.credit('1');
    const before = await readStores(stack.stores);

    const placed = await api.placeOrder('1', [{ productUpc: upc(1), quantity: 2 }], 'success-1');
    expect(placed.body.errors).toBeUndefined();
    const order = placed.body.data.placeOrder;
    expect(order).toMatchObject({ status: 'CONFIRMED', total: 2 * price, lines: [{ quantity: 2, unitPrice: price, product: { upc: upc(1) } }] });

    expect((await api.product(upc(1))).quantity).toBe(18);
    expect(await api.credit('1')).toBe(credit - 2 * price);
    const history = (await api.order('1', order.id)).history.map((e: { type: string }) => e.type);
    expect(history).toEqual(['OrderPlaced', 'StockReserved', 'CreditDebited', 'OrderConfirmed']);
    expect(reconcile(before, await readStores(stack.stores))).toEqual([]);

    const composed = await api.gql('1', `query($id: ID!) { order(id: $id) { status lines { product { name inStock } } user { name } }
      me { orders(first: 5) { id } storeCredit } }`, { id: order.id });
    expect(composed.body.errors).toBeUndefined();
    expect(composed.body.data.order.lines[0].product).toMatchObject({ inStock: true, name: expect.any(String) });
    expect(composed.body.data.order.user.name).toEqual(expect.any(String));
    expect(composed.body.data.me.orders.map((o: { id: string }) => o.id)).toContain(order.id);
    expect(composed.body.data.me.storeCredit).toBe(credit - 2 * price);

    // Every service wrote its part to the stream through its outbox, in one trace.
    const about = async () => (await streamEvents(stack.events)).filter((e) => e.entityId === order.id || e.data.orderId === order.id);
    let events = await about();
    for (let i = 0; i < 40 && events.length < 8; i += 1) events = (await sleep(250), await about());
    const orderEvents = events.filter((e) => e.entityType === 'Order');
    expect(orderEvents.map((e) => [e.sequence, e.type])).toEqual([[1, 'OrderPlaced'], [2, 'StockReserved'], [3, 'CreditDebited'], [4, 'OrderConfirmed']]);
    expect(orderEvents.at(-1)!.data).toMatchObject({ before: { status: 'PENDING' }, after: { status: 'CONFIRMED' } });
    expect(events.filter((e) => e.service === 'inventory').map((e) => e.type)).toEqual(
      expect.arrayContaining(['StockReserved', 'ReservationHeld', 'ReservationConfirmed']),
    );
    expect(events.find((e) => e.service === 'payments')).toMatchObject({ type: 'CreditDebited', entityId: '1', data: { amount: -2 * price } });
    expect(new Set(events.map((e) => e.traceId)).size).toBe(1);
    expect(events[0]!.traceId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('rejects an order it cannot fill with OUT_OF_STOCK: nothing reserved, nothing charged', async () => {
    await api.setStock(upc(2), 1);
    await api.setStock(upc(3), 50);
    const before = await readStores(stack.stores);
    const placed = await api.placeOrder('2', [{ productUpc: upc(3), quantity: 5 }, { productUpc: upc(2), quantity: 2 }], 'out-of-stock-1');
    expect(api.codes(placed)).toEqual(['OUT_OF_STOCK']);
    const orderId = placed.body.errors![0]!.extensions!.orderId as string;
    expect(await api.order('2', orderId)).toMatchObject({ status: 'REJECTED', rejectionCode: 'OUT_OF_STOCK' });
    const after = await readStores(stack.stores);
    expect(after.stock.get(upc(2))!.quantity).toBe(1);
    expect(after.stock.get(upc(3))!.quantity).toBe(50);
    expect(after.credit.get('2')!.balance).toBe(before.credit.get('2')!.balance);
    expect(reconcile(before, after)).toEqual([]);
  });

  it('rejects an order the buyer cannot pay with INSUFFICIENT_CREDIT, and gives the reserved stock back', async () => {
    const { price } = await api.product(upc(4));
    const credit = await api.credit('4');
    const quantity = Math.floor(credit / price) + 1;
    await api.setStock(upc(4), quantity + 10);
    const before = await readStores(stack.stores);
    const placed = await api.placeOrder('4', [{ productUpc: upc(4), quantity }], 'too-dear-1');
    expect(api.codes(placed)).toEqual(['INSUFFICIENT_CREDIT']);
    const orderId = placed.body.errors![0]!.extensions!.orderId as string;
    const order = await api.order('4', orderId);
    expect(order).toMatchObject({ status: 'REJECTED', rejectionCode: 'INSUFFICIENT_CREDIT' });
    expect(order.history.map((e: { type: string }) => e.type)).toEqual(['OrderPlaced', 'StockReserved', 'SagaFailed', 'CreditRefunded', 'StockReleased', 'OrderRejected']);
    const after = await readStores(stack.stores);
    expect(after.stock.get(upc(4))!.quantity).toBe(quantity + 10);
    expect(after.credit.get('4')!.balance).toBe(credit);
    expect(reconcile(before, after)).toEqual([]);
  });

  it('gives one order for one idempotencyKey, however often and however concurrently it is sent', async () => {
    await api.setStock(upc(5), 30);
    const before = await readStores(stack.stores);
    const lines = [{ productUpc: upc(5), quantity: 3 }];
    const [a, b] = await Promise.all([api.placeOrder('5', lines, 'twice-1'), api.placeOrder('5', lines, 'twice-1')]);
    const c = await api.placeOrder('5', lines, 'twice-1');
    const ids = [a, b, c].map((r) => r.body.data?.placeOrder?.id);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toEqual(expect.any(String));
    const after = await readStores(stack.stores);
    expect([...after.orders.keys()].filter((id) => !before.orders.has(id))).toEqual([ids[0]]);
    expect(after.stock.get(upc(5))!.quantity).toBe(27);
    expect(reconcile(before, after)).toEqual([]);
    // The same key for other lines is the client's mistake, not a second order.
    expect(api.codes(await api.placeOrder('5', [{ productUpc: upc(5), quantity: 4 }], 'twice-1'))).toEqual(['BAD_USER_INPUT']);
  });

  it('sells exactly the last 10 units to 50 concurrent orders, and charges exactly those 10', async () => {
    await api.setStock(upc(6), 10);
    const { price } = await api.product(upc(6));
    const before = await readStores(stack.stores);
    const buyers = Array.from({ length: 50 }, (_, i) => String(6 + (i % 15)));
    const results = await Promise.all(buyers.map((user, i) => api.placeOrder(user, [{ productUpc: upc(6), quantity: 1 }], `last-ten-${i}`)));
    const confirmed = results.filter((r) => r.body.data?.placeOrder?.status === 'CONFIRMED');
    expect(confirmed).toHaveLength(10);
    expect(results.filter((r) => !r.body.data?.placeOrder).map((r) => api.codes(r)[0])).toEqual(Array(40).fill('OUT_OF_STOCK'));
    const after = await readStores(stack.stores);
    expect(after.stock.get(upc(6))!.quantity).toBe(0);
    const spent = [...after.credit].reduce((sum, [user, c]) => sum + (before.credit.get(user)!.balance - c.balance), 0);
    expect(spent).toBe(10 * price);
    expect(reconcile(before, after)).toEqual([]);
    // The orders service counts how its sagas ended.
    const metrics = await (await fetch(stack.subgraphUrls.orders.replace(/\/graphql$/, '/metrics'))).text();
    const count = (labels: RegExp) => Number(metrics.split('\n').find((l) => l.startsWith('orders_saga_outcomes_total') && labels.test(l))?.split(' ').at(-1) ?? 0);
    expect(count(/outcome="rejected".*code="OUT_OF_STOCK"|code="OUT_OF_STOCK".*outcome="rejected"/)).toBeGreaterThanOrEqual(40);
    expect(count(/outcome="confirmed"/)).toBeGreaterThanOrEqual(10);
  });

  it('cancels a confirmed order: the stock goes back and the credit is refunded', async () => {
    await api.setStock(upc(7), 5);
    const before = await readStores(stack.stores);
    const placed = (await api.placeOrder('1', [{ productUpc: upc(7), quantity: 5 }], 'to-cancel-1')).body.data.placeOrder;
    expect(placed.status).toBe('CONFIRMED');
    expect(api.codes(await api.gql('2', 'mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: placed.id }))).toEqual(['FORBIDDEN']);
    const cancelled = await api.gql('1', 'mutation($id: ID!) { cancelOrder(id: $id) { status history { type } } }', { id: placed.id });
    expect(cancelled.body.data.cancelOrder.status).toBe('CANCELLED');
    expect(api.codes(await api.gql('1', 'mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: placed.id }))).toEqual(['BAD_USER_INPUT']);
    const after = await readStores(stack.stores);
    expect(after.stock.get(upc(7))!.quantity).toBe(5);
    expect(after.credit.get('1')!.balance).toBe(before.credit.get('1')!.balance);
    expect(reconcile(before, after)).toEqual([]);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    await api.setStock(upc(8), 10);
    const mine = (await api.placeOrder('1', [{ productUpc: upc(8), quantity: 1 }], 'mine-1')).body.data.placeOrder;
    const before = await readStores(stack.stores);
    const attempts: [string, { productUpc: string; quantity: number }[], string][] = [
      ['empty lines', [], 'BAD_USER_INPUT'],
      ['quantity 0', [{ productUpc: upc(8), quantity: 0 }], 'BAD_USER_INPUT'],
      ['quantity 10,000', [{ productUpc: upc(8), quantity: 10_000 }], 'BAD_USER_INPUT'],
      ['an unknown product', [{ productUpc: '999999999999', quantity: 1 }], 'BAD_USER_INPUT'],
      ['a malformed UPC', [{ productUpc: 'no such; upc', quantity: 1 }], 'BAD_USER_INPUT'],
      ['a product twice', [{ productUpc: upc(8), quantity: 1 }, { productUpc: upc(8), quantity: 1 }], 'BAD_USER_INPUT'],
    ];
    for (const [name, lines, code] of attempts) {
      const response = await api.placeOrder('9', lines, `bad-${name.replace(/\W/g, '-')}`);
      expect(api.codes(response), name).toEqual([code]);
      expect(JSON.stringify(response.body.errors), name).not.toMatch(/\bat .*\.ts:\d+/);
    }
    expect(api.codes(await api.placeOrder('9', [{ productUpc: upc(8), quantity: 1 }], ''))).toEqual(['BAD_USER_INPUT']);
    expect(api.codes(await api.gql(null, 'mutation { placeOrder(input: { lines: [{ productUpc: "100000000008", quantity: 1 }], idempotencyKey: "anon" }) { id } }'))).toEqual(['UNAUTHENTICATED']);
    // Someone else's order: FORBIDDEN to read (an admin may), and no order is a null, not an error.
    const theirs = await api.gql('2', 'query($id: ID!) { order(id: $id) { id total } }', { id: mine.id });
    expect([api.codes(theirs), theirs.body.data?.order]).toEqual([['FORBIDDEN'], null]);
    expect((await api.order('admin', mine.id)).id).toBe(mine.id);
    expect(api.codes(await api.gql('2', '{ user(id: "1") { orders { id } } }'))).toEqual(['FORBIDDEN']);
    expect(await api.order('1', '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(api.codes(await api.gql('1', '{ order(id: "1") { id } }'))).toEqual(['BAD_USER_INPUT']);
    const after = await readStores(stack.stores);
    expect(after.orders.size).toBe(before.orders.size);
    expect(after.stock.get(upc(8))!.quantity).toBe(9);
    expect(after.credit.get('9')!.balance).toBe(before.credit.get('9')!.balance);
  });
});
