import { admin, anonymous, errorsOf, testSubgraph, user, type RecordedCall, type TestViewer } from '@tributary/service-kit/subgraph/testing';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../test-support/logger.ts';
import { subgraph } from './app.ts';
import { settings } from './config.ts';
import { SagaRunner, type StepOutcome } from './saga/saga.ts';
import { MemoryOrderStore } from './test/memory-order-store.ts';
import { scriptedSteps } from './test/scripted-steps.ts';
import { MAX_TOTAL } from './validation.ts';

/** The catalog as the products subgraph answers `_entities`: these upcs exist, at these prices (cents). */
function catalog(prices: Record<string, number>) {
  const calls: RecordedCall[] = [];
  return {
    calls,
    async select(typename: string, keyField: string, keys: string[], fields: string) {
      calls.push({ method: 'select', args: [typename, keyField, keys, fields] });
      return new Map(keys.filter((upc) => upc in prices).map((upc) => [upc, { upc, price: prices[upc] }] as const));
    },
  };
}

/**
 * The orders subgraph over an in-memory event log, the catalog knowing p1 (250) and p2 (1,000),
 * and the real saga runner over scripted steps in inventory and payments.
 */
function orders(answers: Parameters<typeof scriptedSteps>[0] = {}, faults: Parameters<typeof scriptedSteps>[1] = {}) {
  const store = new MemoryOrderStore();
  const products = catalog({ p1: 250, p2: 1_000, dear: MAX_TOTAL });
  const script = scriptedSteps(answers, faults);
  const saga = new SagaRunner({ steps: script.steps, logger: silentLogger, retryDelayMs: 1 });
  const kit = testSubgraph(subgraph, { config: settings.parse({ DATABASE_URL: 'postgres://unused/orders' }), store, subgraphs: { products, saga } });
  return { kit, store, products, script };
}

type Kit = ReturnType<typeof orders>['kit'];

const place = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id status total rejectionCode user { id } lines { product { upc } quantity unitPrice } }
}`;
const cancel = 'mutation($id: ID!) { cancelOrder(id: $id) { id status } }';
const byId = 'query($id: ID!) { order(id: $id) { id status rejectionCode history { sequence type data } } }';

const twoLines = { lines: [{ productUpc: 'p1', quantity: 2 }, { productUpc: 'p2', quantity: 1 }], idempotencyKey: 'cart:1' };

async function placed(kit: Kit, viewer = user('1'), input: Record<string, unknown> = twoLines) {
  const result = await kit.execute<{ placeOrder: { id: string; status: string } }>(place, { variables: { input }, viewer });
  expect(result.errors).toBeUndefined();
  return result.data!.placeOrder;
}

const refused = (code: string): StepOutcome => ({ ok: false, code, message: `refused: ${code}` });
const UNKNOWN_ORDER = '00000000-0000-4000-8000-000000000000';

describe('Mutation.placeOrder', () => {
  it('prices the lines from the catalog, runs reserve, debit and confirm, and answers the CONFIRMED order', async () => {
    const { kit, store, products, script } = orders();
    const result = await kit.execute(place, { variables: { input: twoLines }, viewer: user('1') });
    const order = result.data!.placeOrder;
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      total: 2 * 250 + 1_000,
      rejectionCode: null,
      user: { id: '1' },
      lines: [
        { product: { upc: 'p1' }, quantity: 2, unitPrice: 250 },
        { product: { upc: 'p2' }, quantity: 1, unitPrice: 1_000 },
      ],
    });
    expect(products.calls).toEqual([{ method: 'select', args: ['Product', 'upc', ['p1', 'p2'], 'price'] }]);
    expect(script.calls).toEqual(['reserve', 'debit', 'confirm'].map((step) => ({ step, orderId: order.id })));
    expect((await store.events(order.id)).map((e) => e.data.type)).toEqual(['OrderPlaced', 'StockReserved', 'CreditDebited', 'OrderConfirmed']);
    // Every event says who placed the order.
    expect(store.metas.map((m) => m.actor)).toEqual(Array(4).fill({ userId: '1', admin: false }));
  });

  it('answers the same order for the same idempotency key, without a second order or saga', async () => {
    const { kit, store, script } = orders();
    const first = await placed(kit);
    const again = await placed(kit);
    expect(again).toEqual(first);
    expect([store.log.size, script.calls.length]).toEqual([1, 3]);
  });

  it('places one order when the same key arrives twice at once', async () => {
    const { kit, store, script } = orders();
    const [a, b] = await Promise.all([placed(kit), placed(kit)]);
    expect(a.id).toBe(b.id);
    expect(b.status).toBe('CONFIRMED');
    expect([store.log.size, script.names()]).toEqual([1, ['reserve', 'debit', 'confirm']]);
  });

  it('keeps idempotency keys per user: another user with the same key places an order of their own', async () => {
    const { kit, store } = orders();
    const mine = await placed(kit, user('1'));
    const theirs = await placed(kit, user('2'));
    expect(theirs.id).not.toBe(mine.id);
    expect(store.log.size).toBe(2);
  });

  it('refuses the same key with other lines with BAD_USER_INPUT on idempotencyKey', async () => {
    const { kit, store } = orders();
    await placed(kit);
    const result = await kit.execute(place, { variables: { input: { ...twoLines, lines: [{ productUpc: 'p1', quantity: 3 }] } }, viewer: user('1') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'idempotencyKey', path: ['placeOrder'] }]);
    expect(store.log.size).toBe(1);
  });

  it.each([
    [{ lines: [], idempotencyKey: 'k' }, 'lines'],
    [{ lines: [{ productUpc: 'p1', quantity: 1 }, { productUpc: 'p1', quantity: 2 }], idempotencyKey: 'k' }, 'lines'],
    [{ lines: [{ productUpc: 'p 1', quantity: 1 }], idempotencyKey: 'k' }, 'productUpc'],
    [{ lines: [{ productUpc: 'p1', quantity: 0 }], idempotencyKey: 'k' }, 'quantity'],
    [{ lines: [{ productUpc: 'p1', quantity: 10_000 }], idempotencyKey: 'k' }, 'quantity'],
    [{ lines: [{ productUpc: 'p1', quantity: 1 }], idempotencyKey: 'no spaces' }, 'idempotencyKey'],
  ])('refuses %j with BAD_USER_INPUT on %s, asking and writing nothing', async (input, field) => {
    const { kit, products, script } = orders();
    const result = await kit.execute(place, { variables: { input }, viewer: user('1') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['placeOrder'] }]);
    expect([kit.storeCalls, products.calls, script.calls]).toEqual([[], [], []]);
  });

  it('refuses a product the catalog does not know with BAD_USER_INPUT on productUpc, writing nothing', async () => {
    const { kit, store, script } = orders();
    const input = { lines: [{ productUpc: 'p1', quantity: 1 }, { productUpc: 'p404', quantity: 1 }], idempotencyKey: 'k' };
    const result = await kit.execute(place, { variables: { input }, viewer: user('1') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'productUpc', path: ['placeOrder'] }]);
    expect(result.errors![0]!.message).toContain('p404');
    expect([store.log.size, script.calls]).toEqual([0, []]);
  });

  it('refuses an order whose total is over the most a balance may hold with BAD_USER_INPUT on lines', async () => {
    const { kit, store } = orders();
    const result = await kit.execute(place, { variables: { input: { lines: [{ productUpc: 'dear', quantity: 2 }], idempotencyKey: 'k' } }, viewer: user('1') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'lines', path: ['placeOrder'] }]);
    expect(store.log.size).toBe(0);
    // One unit at the limit is payable.
    expect((await placed(kit, user('1'), { lines: [{ productUpc: 'dear', quantity: 1 }], idempotencyKey: 'k' })).status).toBe('CONFIRMED');
  });

  it('is UNAUTHENTICATED for an anonymous caller, without reaching the store', async () => {
    const { kit } = orders();
    const result = await kit.execute(place, { variables: { input: twoLines }, viewer: anonymous });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED', path: ['placeOrder'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it.each([
    ['reserve', 'OUT_OF_STOCK', ['reserve', 'release']],
    ['debit', 'INSUFFICIENT_CREDIT', ['reserve', 'debit', 'refund', 'release']],
    ['confirm', 'RESERVATION_EXPIRED', ['reserve', 'debit', 'confirm', 'refund', 'release']],
  ] as const)('a %s refused with %s: compensated, REJECTED, the code as the error with the order id', async (step, code, calls) => {
    const { kit, script } = orders({ [step]: refused(code) });
    const result = await kit.execute(place, { variables: { input: twoLines }, viewer: user('1') });
    expect(result.data).toEqual({ placeOrder: null });
    expect(errorsOf(result)).toEqual([{ code, path: ['placeOrder'] }]);
    const orderId = result.errors![0]!.extensions!.orderId as string;
    expect(result.errors![0]!.message).toBe(`refused: ${code}`);
    expect(script.names()).toEqual(calls);
    const seen = await kit.execute(byId, { variables: { id: orderId }, viewer: user('1') });
    expect(seen.data!.order).toMatchObject({ id: orderId, status: 'REJECTED', rejectionCode: code });
  });

  it('answers the same refusal, for the same order, when a rejected order is placed again with its key', async () => {
    const { kit, script } = orders({ reserve: refused('OUT_OF_STOCK') });
    const first = await kit.execute(place, { variables: { input: twoLines }, viewer: user('1') });
    const again = await kit.execute(place, { variables: { input: twoLines }, viewer: user('1') });
    expect(errorsOf(again)).toEqual(errorsOf(first));
    expect(again.errors![0]!.extensions!.orderId).toBe(first.errors![0]!.extensions!.orderId);
    expect(script.names()).toEqual(['reserve', 'release']);
  });

  it('a service that keeps failing: SERVICE_UNAVAILABLE, after retries and compensation', async () => {
    const { kit, script } = orders({}, { reserve: 3 });
    const result = await kit.execute(place, { variables: { input: twoLines }, viewer: user('1') });
    expect(errorsOf(result)).toEqual([{ code: 'SERVICE_UNAVAILABLE', path: ['placeOrder'] }]);
    expect(script.names()).toEqual(['reserve', 'reserve', 'reserve', 'release']);
  });

  it('a compensation that keeps failing: the order answers PENDING, its history shows where the saga stopped', async () => {
    const { kit } = orders({ debit: refused('INSUFFICIENT_CREDIT') }, { refund: 3 });
    const order = await placed(kit);
    expect(order.status).toBe('PENDING');
    const seen = await kit.execute(byId, { variables: { id: order.id }, viewer: user('1') });
    expect(seen.data!.order.status).toBe('PENDING');
    expect(seen.data!.order.history.map((e: { type: string }) => e.type)).toEqual(['OrderPlaced', 'StockReserved', 'SagaFailed']);
  });
});

describe('Query.order', () => {
  it('shows an order to its owner, with its history oldest first and each event data as JSON', async () => {
    const { kit } = orders();
    const { id } = await placed(kit);
    const result = await kit.execute(byId, { variables: { id }, viewer: user('1') });
    const history = result.data!.order.history;
    expect(history.map((e: { sequence: number; type: string }) => [e.sequence, e.type])).toEqual([
      [1, 'OrderPlaced'],
      [2, 'StockReserved'],
      [3, 'CreditDebited'],
      [4, 'OrderConfirmed'],
    ]);
    expect(JSON.parse(history[0].data)).toMatchObject({ userId: '1', idempotencyKey: 'cart:1', total: 1_500 });
    expect(JSON.parse(history[2].data)).toEqual({ amount: 1_500 });
    expect(JSON.parse(history[0].data)).not.toHaveProperty('type');
  });

  it('shows any order to an admin', async () => {
    const { kit } = orders();
    const { id } = await placed(kit);
    expect((await kit.execute(byId, { variables: { id }, viewer: admin('9') })).data!.order).toMatchObject({ id, status: 'CONFIRMED' });
  });

  it("is FORBIDDEN to read another user's order", async () => {
    const { kit } = orders();
    const { id } = await placed(kit);
    const result = await kit.execute(byId, { variables: { id }, viewer: user('2') });
    expect(result.data).toEqual({ order: null });
    expect(errorsOf(result)).toEqual([{ code: 'FORBIDDEN', path: ['order'] }]);
  });

  it('is UNAUTHENTICATED for an anonymous caller, without reaching the store', async () => {
    const { kit } = orders();
    const result = await kit.execute(byId, { variables: { id: UNKNOWN_ORDER }, viewer: anonymous });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED', path: ['order'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it('is null for an id with no order', async () => {
    const { kit } = orders();
    expect((await kit.execute(byId, { variables: { id: UNKNOWN_ORDER }, viewer: user('1') })).data).toEqual({ order: null });
  });

  it.each(['1', 'not-a-uuid', UNKNOWN_ORDER.slice(1), `${UNKNOWN_ORDER}' OR 1=1`])('refuses the id %j with BAD_USER_INPUT on id, reading nothing', async (id) => {
    const { kit } = orders();
    const result = await kit.execute(byId, { variables: { id }, viewer: user('1') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'id', path: ['order'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});

describe('Mutation.cancelOrder', () => {
  it("cancels the owner's confirmed order: refunds, then releases, and the order is CANCELLED", async () => {
    const { kit, store, script } = orders();
    const { id } = await placed(kit);
    const result = await kit.execute(cancel, { variables: { id }, viewer: user('1') });
    expect(result.data).toEqual({ cancelOrder: { id, status: 'CANCELLED' } });
    expect(script.names().slice(3)).toEqual(['refund', 'release']);
    expect((await store.events(id)).slice(4).map((e) => e.data.type)).toEqual(['CancelRequested', 'CreditRefunded', 'StockReleased', 'OrderCancelled']);
  });

  it("lets an admin cancel anyone's order, recorded as the admin's doing", async () => {
    const { kit, store } = orders();
    const { id } = await placed(kit);
    expect((await kit.execute(cancel, { variables: { id }, viewer: admin('9') })).data).toEqual({ cancelOrder: { id, status: 'CANCELLED' } });
    expect(store.metas.at(-1)!.actor).toEqual({ userId: '9', admin: true });
  });

  it("is FORBIDDEN to cancel another user's order, which stays CONFIRMED", async () => {
    const { kit, store, script } = orders();
    const { id } = await placed(kit);
    const result = await kit.execute(cancel, { variables: { id }, viewer: user('2') });
    expect(errorsOf(result)).toEqual([{ code: 'FORBIDDEN', path: ['cancelOrder'] }]);
    expect([(await store.load(id))!.status, script.calls.length]).toEqual(['CONFIRMED', 3]);
  });

  it('is UNAUTHENTICATED for an anonymous caller', async () => {
    const { kit } = orders();
    const result = await kit.execute(cancel, { variables: { id: UNKNOWN_ORDER }, viewer: anonymous });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED', path: ['cancelOrder'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it('refuses an order that is not confirmed, is already cancelled, does not exist or is no order id, with BAD_USER_INPUT on id', async () => {
    const rejected = orders({ reserve: refused('OUT_OF_STOCK') });
    const rejection = await rejected.kit.execute(place, { variables: { input: twoLines }, viewer: user('1') });
    const rejectedId = rejection.errors![0]!.extensions!.orderId as string;
    const confirmed = orders();
    const { id } = await placed(confirmed.kit);
    await confirmed.kit.execute(cancel, { variables: { id }, viewer: user('1') });
    const refusals = [
      await rejected.kit.execute(cancel, { variables: { id: rejectedId }, viewer: user('1') }),
      await confirmed.kit.execute(cancel, { variables: { id }, viewer: user('1') }),
      await confirmed.kit.execute(cancel, { variables: { id: UNKNOWN_ORDER }, viewer: user('1') }),
      await confirmed.kit.execute(cancel, { variables: { id: 'x' }, viewer: user('1') }),
    ];
    for (const result of refusals) expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'id', path: ['cancelOrder'] }]);
    expect(refusals[0]!.errors![0]!.message).toContain('REJECTED');
    expect(confirmed.script.names().filter((s) => s === 'refund')).toHaveLength(1);
  });

  it('refuses an order whose cancellation is still running', async () => {
    const { kit } = orders({}, { release: 3 });
    const { id } = await placed(kit);
    // The release keeps failing: the cancellation stalls, for recovery to finish.
    expect((await kit.execute(cancel, { variables: { id }, viewer: user('1') })).data).toEqual({ cancelOrder: { id, status: 'CONFIRMED' } });
    const again = await kit.execute(cancel, { variables: { id }, viewer: user('1') });
    expect(errorsOf(again)).toEqual([{ code: 'BAD_USER_INPUT', field: 'id', path: ['cancelOrder'] }]);
    expect(again.errors![0]!.message).toContain('being cancelled');
  });

  it('reloads and decides again when another writer appended first', async () => {
    const { kit, store } = orders();
    const { id } = await placed(kit);
    store.conflicts = 1;
    expect((await kit.execute(cancel, { variables: { id }, viewer: user('1') })).data).toEqual({ cancelOrder: { id, status: 'CANCELLED' } });
    expect(kit.callsTo('load').length).toBeGreaterThanOrEqual(2);
  });
});

describe('Order.__resolveReference', () => {
  it('resolves N references with one store call, each only for its owner or an admin', async () => {
    const { kit } = orders();
    const mine = await placed(kit, user('1'));
    const theirs = await placed(kit, user('2'));
    kit.resetCalls();
    const reps = [mine.id, theirs.id, UNKNOWN_ORDER, 'bad'].map((id) => ({ __typename: 'Order', id }));
    const asOwner = await kit.entities(reps, '... on Order { id status }', { viewer: user('1') });
    expect(asOwner.data).toEqual({ _entities: [{ id: mine.id, status: 'CONFIRMED' }, null, null, null] });
    expect(kit.callsTo('findByIds')).toEqual([[[mine.id, theirs.id, UNKNOWN_ORDER]]]);
    const asAdmin = await kit.entities(reps.slice(0, 2), '... on Order { id }', { viewer: admin('9') });
    expect(asAdmin.data).toEqual({ _entities: [{ id: mine.id }, { id: theirs.id }] });
    expect((await kit.entities(reps.slice(0, 1), '... on Order { id }', { viewer: anonymous })).data).toEqual({ _entities: [null] });
  });
});

describe('User.orders', () => {
  const ordersOf = (kit: Kit, userIds: string[], viewer: TestViewer | null, first?: number) =>
    kit.entities(
      userIds.map((id) => ({ __typename: 'User', id })),
      `... on User { id orders${first === undefined ? '' : `(first: ${first})`} { id status } }`,
      { viewer },
    );

  it("lists a user's orders newest first to the user, one store call for N users", async () => {
    const { kit } = orders();
    const older = await placed(kit, user('1'), { ...twoLines, idempotencyKey: 'a' });
    const newer = await placed(kit, user('1'), { ...twoLines, idempotencyKey: 'b' });
    kit.resetCalls();
    const result = await ordersOf(kit, ['1'], user('1'));
    expect(result.data!._entities[0]!.orders.map((o: { id: string }) => o.id)).toEqual([newer.id, older.id]);
    expect((await ordersOf(kit, ['1'], user('1'), 1)).data!._entities[0]!.orders).toHaveLength(1);
    kit.resetCalls();
    await placed(kit, user('2'));
    kit.resetCalls();
    const both = await ordersOf(kit, ['1', '2'], admin('9'));
    expect(both.data!._entities.map((u) => u!.orders.length)).toEqual([2, 1]);
    expect(kit.callsTo('newestByUsers')).toEqual([[['1', '2'], 10]]);
  });

  it("is FORBIDDEN for another user's orders, UNAUTHENTICATED for an anonymous caller", async () => {
    const { kit } = orders();
    await placed(kit, user('1'));
    expect(errorsOf(await ordersOf(kit, ['1'], user('2')))).toEqual([{ code: 'FORBIDDEN', path: ['_entities', 0, 'orders'] }]);
    expect(errorsOf(await ordersOf(kit, ['1'], anonymous))).toEqual([{ code: 'UNAUTHENTICATED', path: ['_entities', 0, 'orders'] }]);
  });

  it.each([0, 51])('refuses first: %i with BAD_USER_INPUT on first', async (first) => {
    const { kit } = orders();
    expect(errorsOf(await ordersOf(kit, ['1'], user('1'), first))).toEqual([{ code: 'BAD_USER_INPUT', field: 'first', path: ['_entities', 0, 'orders'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});
