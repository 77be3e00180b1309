import { admin, anonymous, errorsOf, testSubgraph, user, type TestViewer } from '@tributary/service-kit/subgraph/testing';
import { describe, expect, it } from 'vitest';
import { subgraph } from './app.ts';
import { settings } from './config.ts';
import { MemoryStockStore } from './test/memory-stock-store.ts';

/** What the orders saga signs its calls as: the order's user, with scope service. */
const orders: TestViewer = { userId: '1', scopes: ['service'] };

const ORDER = '6f1c2d3e-0000-4000-8000-000000000001';
const OTHER = '6f1c2d3e-0000-4000-8000-000000000002';

/** 5 of p1 and 2 of p2 in stock. */
const inventory = () => {
  const store = new MemoryStockStore([{ upc: 'p1', quantity: 5 }, { upc: 'p2', quantity: 2 }]);
  return { store, kit: testSubgraph(subgraph, { config: settings.parse({}), store }) };
};
type Kit = ReturnType<typeof inventory>['kit'];

const reserve = 'mutation($o: ID!, $l: [StockLineInput!]!) { reserveStock(orderId: $o, lines: $l) { orderId state expiresAt } }';
const confirm = 'mutation($o: ID!) { confirmReservation(orderId: $o) { orderId state } }';
const release = 'mutation($o: ID!) { releaseReservation(orderId: $o) { orderId state } }';
const lines = [{ upc: 'p1', quantity: 2 }, { upc: 'p2', quantity: 2 }];

const quantities = async (kit: Kit) =>
  (await kit.entities<{ quantity: number }>([{ __typename: 'Product', upc: 'p1' }, { __typename: 'Product', upc: 'p2' }], '... on Product { quantity }')).data!._entities.map((p) => p!.quantity);

describe('Mutation.reserveStock (the saga, scope service)', () => {
  it("takes every line's units for the order, HELD until it expires, and drops the cached stock", async () => {
    const { kit } = inventory();
    expect(await quantities(kit)).toEqual([5, 2]);
    const before = Date.now();
    const result = await kit.execute(reserve, { variables: { o: ORDER, l: lines }, viewer: orders });
    expect(result.data!.reserveStock).toMatchObject({ orderId: ORDER, state: 'HELD' });
    // The default RESERVATION_TTL_SECONDS the stand-in is made with: 15 minutes.
    expect(Date.parse(result.data!.reserveStock.expiresAt) - before).toBeGreaterThanOrEqual(15 * 60_000);
    expect(kit.cache!.keys('del')).toEqual(['Stock:p1', 'Stock:p2']);
    expect(await quantities(kit)).toEqual([3, 0]);
  });

  it('takes the units once however often the saga retries, answering the same reservation', async () => {
    const { kit } = inventory();
    const first = await kit.execute(reserve, { variables: { o: ORDER, l: lines }, viewer: orders });
    const again = await kit.execute(reserve, { variables: { o: ORDER, l: lines }, viewer: orders });
    expect(again.data).toEqual(first.data);
    expect(await quantities(kit)).toEqual([3, 0]);
  });

  it('takes nothing when one line is short: OUT_OF_STOCK naming the product, and so again on a retry', async () => {
    const { kit } = inventory();
    const short = [{ upc: 'p1', quantity: 1 }, { upc: 'p2', quantity: 3 }];
    const result = await kit.execute(reserve, { variables: { o: ORDER, l: short }, viewer: orders });
    expect(result.data).toEqual({ reserveStock: null });
    expect(errorsOf(result)).toEqual([{ code: 'OUT_OF_STOCK', path: ['reserveStock'] }]);
    expect(result.errors![0]!.extensions!.upc).toBe('p2');
    expect(errorsOf(await kit.execute(reserve, { variables: { o: ORDER, l: short }, viewer: orders }))).toEqual([{ code: 'OUT_OF_STOCK', path: ['reserveStock'] }]);
    expect(await quantities(kit)).toEqual([5, 2]);
  });

  it('refuses a reservation its release came before (a late retry) with RESERVATION_RELEASED, taking nothing', async () => {
    const { kit } = inventory();
    expect((await kit.execute(release, { variables: { o: ORDER }, viewer: orders })).data).toEqual({ releaseReservation: { orderId: ORDER, state: 'RELEASED' } });
    const late = await kit.execute(reserve, { variables: { o: ORDER, l: lines }, viewer: orders });
    expect(errorsOf(late)).toEqual([{ code: 'RESERVATION_RELEASED', path: ['reserveStock'] }]);
    expect(await quantities(kit)).toEqual([5, 2]);
  });

  it.each([
    [{ o: 'not-an-order', l: lines }, 'orderId'],
    [{ o: '-'.repeat(36), l: lines }, 'orderId'],
    [{ o: 'a'.repeat(36), l: lines }, 'orderId'],
    [{ o: ORDER, l: [] }, 'lines'],
    [{ o: ORDER, l: Array.from({ length: 51 }, (_, i) => ({ upc: `p${i}`, quantity: 1 })) }, 'lines'],
    [{ o: ORDER, l: [{ upc: 'p1', quantity: 1 }, { upc: 'p1', quantity: 1 }] }, 'lines'],
    [{ o: ORDER, l: [{ upc: 'p 1', quantity: 1 }] }, 'upc'],
    [{ o: ORDER, l: [{ upc: 'p1', quantity: 0 }] }, 'quantity'],
    [{ o: ORDER, l: [{ upc: 'p1', quantity: 10_000 }] }, 'quantity'],
  ])('refuses %j with BAD_USER_INPUT on %s, taking nothing', async (variables, field) => {
    const { kit } = inventory();
    const result = await kit.execute(reserve, { variables, viewer: orders });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['reserveStock'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});

describe('Mutation.confirmReservation and releaseReservation (the saga, scope service)', () => {
  it('confirms a held reservation: the stock stays taken, and a release after it changes nothing', async () => {
    const { kit } = inventory();
    await kit.execute(reserve, { variables: { o: ORDER, l: lines }, viewer: orders });
    expect((await kit.execute(confirm, { variables: { o: ORDER }, viewer: orders })).data).toEqual({ confirmReservation: { orderId: ORDER, state: 'CONFIRMED' } });
    expect((await kit.execute(confirm, { variables: { o: ORDER }, viewer: orders })).data).toEqual({ confirmReservation: { orderId: ORDER, state: 'CONFIRMED' } });
    expect(await quantities(kit)).toEqual([3, 0]);
  });

  it('releases a held reservation once: its stock back, the cached stock dropped, a confirm after it RESERVATION_RELEASED', async () => {
    const { kit } = inventory();
    await kit.execute(reserve, { variables: { o: ORDER, l: lines }, viewer: orders });
    await quantities(kit);
    kit.resetCalls();
    expect((await kit.execute(release, { variables: { o: ORDER }, viewer: orders })).data).toEqual({ releaseReservation: { orderId: ORDER, state: 'RELEASED' } });
    expect(kit.cache!.keys('del')).toEqual(['Stock:p1', 'Stock:p2']);
    await kit.execute(release, { variables: { o: ORDER }, viewer: orders });
    expect(await quantities(kit)).toEqual([5, 2]);
    expect(errorsOf(await kit.execute(confirm, { variables: { o: ORDER }, viewer: orders }))).toEqual([{ code: 'RESERVATION_RELEASED', path: ['confirmReservation'] }]);
  });

  it('refuses to confirm an order with no reservation with BAD_USER_INPUT on orderId', async () => {
    const { kit } = inventory();
    await kit.execute(reserve, { variables: { o: ORDER, l: lines }, viewer: orders });
    expect(errorsOf(await kit.execute(confirm, { variables: { o: OTHER }, viewer: orders }))).toEqual([{ code: 'BAD_USER_INPUT', field: 'orderId', path: ['confirmReservation'] }]);
  });

  it.each([
    [confirm, 'confirmReservation'],
    [release, 'releaseReservation'],
  ])('refuses an orderId that is no UUID with BAD_USER_INPUT on orderId (%#)', async (mutation, field) => {
    const { kit } = inventory();
    expect(errorsOf(await kit.execute(mutation, { variables: { o: '1' }, viewer: orders }))).toEqual([{ code: 'BAD_USER_INPUT', field: 'orderId', path: [field] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});

describe('who may run the saga mutations', () => {
  it.each([
    ['an anonymous caller', anonymous, 'UNAUTHENTICATED'],
    ['a user', user('1'), 'FORBIDDEN'],
    ['an admin', admin('9'), 'FORBIDDEN'],
  ])('refuses %s with %s, moving no stock', async (_, viewer, code) => {
    const { kit } = inventory();
    const results = [
      await kit.execute(reserve, { variables: { o: ORDER, l: lines }, viewer }),
      await kit.execute(confirm, { variables: { o: ORDER }, viewer }),
      await kit.execute(release, { variables: { o: ORDER }, viewer }),
    ];
    expect(results.map(errorsOf)).toEqual(['reserveStock', 'confirmReservation', 'releaseReservation'].map((field) => [{ code, path: [field] }]));
    expect(kit.storeCalls).toEqual([]);
  });
});
