import type { Identity } from '@tributary/service-kit';
import { createDb, migrate, outboxMigrationSql } from '@tributary/service-kit/subgraph';
import { describe, expect, it } from 'vitest';
import { testLoaderSettings } from '../../../test-support/cache.ts';
import { codes, subgraphExecutor, testViewer } from '../../../test-support/graphql.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { createTestDatabase } from '../../../test-support/postgres.ts';
import { migrationsDir } from './app.ts';
import type { OrdersContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { ConcurrentAppend, OrderStore, type EventMeta } from './order-store.ts';
import { policies } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { SagaRunner, type SagaSteps } from './saga/saga.ts';

const meta: EventMeta = { actor: { userId: '1', admin: false }, traceId: '1-00000000-000000000000000000000000' };
const price = { '100000000001': 250, '100000000002': 1_000 } as Record<string, number>;

async function setup(refuse?: string) {
  const database = await createTestDatabase();
  const db = createDb({ url: database.url, max: 4, logger: silentLogger });
  await migrate(db, 'orders', migrationsDir);
  await db.query(outboxMigrationSql('orders'));
  const store = new OrderStore(db);
  const ok = async () => ({ ok: true }) as const;
  const steps: SagaSteps = {
    reserve: async () => (refuse ? { ok: false, code: refuse, message: 'Not enough stock' } : { ok: true }),
    debit: ok,
    confirm: ok,
    refund: async () => undefined,
    release: async () => undefined,
  };
  const saga = new SagaRunner({ steps, logger: silentLogger });
  const products = {
    select: async (_: string, __: string, keys: string[]) => new Map(keys.filter((k) => price[k]).map((k) => [k, { upc: k, price: price[k] }])),
  };
  const context = (viewer: Identity | null): OrdersContext => ({
    store,
    cache: testLoaderSettings().cache,
    loaders: createLoaders(store, testLoaderSettings()),
    subgraphs: { products, saga },
    viewer,
  });
  return {
    db,
    store,
    context,
    async [Symbol.asyncDispose]() {
      await db.close();
      await database[Symbol.asyncDispose]();
    },
  };
}

const execute = subgraphExecutor('orders', resolvers, policies);
const PLACE = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status total lines { quantity unitPrice } history { sequence type } } }';
const input = (key: string, quantity = 2) => ({ i: { lines: [{ productUpc: '100000000001', quantity }, { productUpc: '100000000002', quantity: 1 }], idempotencyKey: key } });

describe('orders against PostgreSQL', () => {
  it('places an order priced from the catalog: its events are the source of truth and the projection follows them', async () => {
    await using env = await setup();
    const result = await execute(PLACE, input('k1'), env.context(testViewer('1')));
    expect(result.errors).toBeUndefined();
    const order = result.data!.placeOrder;
    expect(order).toMatchObject({ status: 'CONFIRMED', total: 1_500, lines: [{ quantity: 2, unitPrice: 250 }, { quantity: 1, unitPrice: 1_000 }] });
    expect(order.history.map((e: { type: string }) => e.type)).toEqual(['OrderPlaced', 'StockReserved', 'CreditDebited', 'OrderConfirmed']);
    const { rows } = await env.db.query<{ actor_user_id: string }>('SELECT actor_user_id FROM orders.order_events');
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.actor_user_id === '1')).toBe(true);
    // The same transactions wrote the stream's copy: one outbox row per event, numbered alike.
    const outbox = await env.db.query<{ sequence: number; type: string }>(
      `SELECT sequence, event->>'type' AS type FROM orders.outbox WHERE entity_id = $1 ORDER BY sequence`,
      [order.id],
    );
    expect(outbox.rows.map((r) => [r.sequence, r.type])).toEqual([[1, 'OrderPlaced'], [2, 'StockReserved'], [3, 'CreditDebited'], [4, 'OrderConfirmed']]);
    expect((await env.store.load(order.id))!.status).toBe('CONFIRMED');
  });

  it('keeps the event table append-only', async () => {
    await using env = await setup();
    const order = (await env.store.place('00000000-0000-4000-8000-000000000001', { type: 'OrderPlaced', userId: '1', idempotencyKey: 'k', lines: [], total: 0 }, meta))!;
    await expect(env.db.query('UPDATE orders.order_events SET type = $1', ['OrderConfirmed'])).rejects.toThrow(/append-only/);
    await expect(env.db.query('DELETE FROM orders.order_events')).rejects.toThrow(/append-only/);
    expect((await env.store.events(order.id)).map((e) => e.data.type)).toEqual(['OrderPlaced']);
  });

  it('lets one of two writers append after the same version; the other must reload', async () => {
    await using env = await setup();
    const order = (await env.store.place('00000000-0000-4000-8000-000000000002', { type: 'OrderPlaced', userId: '1', idempotencyKey: 'k', lines: [], total: 0 }, meta))!;
    const results = await Promise.allSettled([env.store.append(order, [{ type: 'StockReserved' }], meta), env.store.append(order, [{ type: 'StockReserved' }], meta)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')!.reason).toBeInstanceOf(ConcurrentAppend);
    expect((await env.store.load(order.id))!.version).toBe(2);
  });

  it('answers one idempotencyKey with one order, and a refusal with its code and the order id, rejected', async () => {
    await using env = await setup('OUT_OF_STOCK');
    const first = await execute(PLACE, input('k1'), env.context(testViewer('1')));
    expect(codes(first)).toEqual(['OUT_OF_STOCK']);
    const again = await execute(PLACE, input('k1'), env.context(testViewer('1')));
    expect(again.errors![0]!.extensions!.orderId).toBe(first.errors![0]!.extensions!.orderId);
    expect(codes(await execute(PLACE, input('k1', 3), env.context(testViewer('1'))))).toEqual(['BAD_USER_INPUT']);
    const { rows } = await env.db.query<{ status: string }>('SELECT status FROM orders.orders');
    expect(rows).toEqual([{ status: 'REJECTED' }]);
  });

  it('refuses unknown products and other users, writing nothing', async () => {
    await using env = await setup();
    const unknown = { i: { lines: [{ productUpc: '999', quantity: 1 }], idempotencyKey: 'k' } };
    expect(codes(await execute(PLACE, unknown, env.context(testViewer('1'))))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await execute(PLACE, input('k'), env.context(null)))).toEqual(['UNAUTHENTICATED']);
    expect((await env.db.query('SELECT 1 FROM orders.order_events')).rows).toEqual([]);
    const id = (await execute(PLACE, input('k2'), env.context(testViewer('1')))).data!.placeOrder.id;
    const read = 'query($id: ID!) { order(id: $id) { id } }';
    expect(codes(await execute(read, { id }, env.context(testViewer('2'))))).toEqual(['FORBIDDEN']);
    expect((await execute(read, { id }, env.context(testViewer('3', ['admin'])))).data).toEqual({ order: { id } });
    const theirs = '{ _entities(representations: [{ __typename: "User", id: "1" }]) { ... on User { orders { id } } } }';
    expect(codes(await execute(theirs, {}, env.context(testViewer('2'))))).toEqual(['FORBIDDEN']);
    expect((await execute(theirs, {}, env.context(testViewer('1')))).data).toEqual({ _entities: [{ orders: [{ id }] }] });
  });
});
