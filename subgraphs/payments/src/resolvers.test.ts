import { admin, anonymous, errorsOf, testSubgraph, user, type TestViewer } from '@tributary/service-kit/subgraph/testing';
import { describe, expect, it } from 'vitest';
import { paymentsSubgraph } from './app.ts';
import { settings } from './config.ts';
import { MAX_BALANCE } from './credit-store.ts';
import { MemoryCreditStore } from './test/memory-credit-store.ts';

/** What the orders saga signs its calls as: the order's user, with scope service. */
const service = (userId = '1'): TestViewer => ({ userId, scopes: ['service'] });

/** User 1 has 1,000 cents of credit, user 2 has 50; user 3 has no item at all. */
const payments = () => {
  const store = new MemoryCreditStore([{ userId: '1', balance: 1_000 }, { userId: '2', balance: 50 }]);
  return { store, kit: testSubgraph(paymentsSubgraph(0), { config: settings.parse({}), store }) };
};

const debit = 'mutation($o: ID!, $u: ID!, $a: Int!) { debitCredit(orderId: $o, userId: $u, amount: $a) { orderId balance applied } }';
const refund = 'mutation($o: ID!, $u: ID!, $a: Int!) { refundCredit(orderId: $o, userId: $u, amount: $a) { orderId balance applied } }';
const grant = 'mutation($u: ID!, $a: Int!) { grantCredit(userId: $u, amount: $a) { id storeCredit } }';
const creditOf = (kit: ReturnType<typeof payments>['kit'], userIds: string[], viewer: TestViewer | null) =>
  kit.entities(userIds.map((id) => ({ __typename: 'User', id })), '... on User { id storeCredit }', { viewer });

describe('User.storeCredit', () => {
  it("shows a user's balance to that user, and 0 for a user with no credit item", async () => {
    const { kit } = payments();
    expect((await creditOf(kit, ['1'], user('1'))).data).toEqual({ _entities: [{ id: '1', storeCredit: 1_000 }] });
    expect((await creditOf(kit, ['3'], user('3'))).data).toEqual({ _entities: [{ id: '3', storeCredit: 0 }] });
  });

  it('resolves N users for an admin with one store call, then from the cache', async () => {
    const { kit } = payments();
    expect((await creditOf(kit, ['1', '2', '3'], admin('9'))).data).toEqual({
      _entities: [{ id: '1', storeCredit: 1_000 }, { id: '2', storeCredit: 50 }, { id: '3', storeCredit: 0 }],
    });
    await creditOf(kit, ['1', '2'], admin('9'));
    expect(kit.callsTo('findByUsers')).toEqual([[['1', '2', '3']]]);
  });

  it("is FORBIDDEN for another user's balance, UNAUTHENTICATED for an anonymous caller, reading nothing", async () => {
    const { kit } = payments();
    const other = await creditOf(kit, ['1'], user('2'));
    expect(other.data).toEqual({ _entities: [{ id: '1', storeCredit: null }] });
    expect(errorsOf(other)).toEqual([{ code: 'FORBIDDEN', path: ['_entities', 0, 'storeCredit'] }]);
    expect(errorsOf(await creditOf(kit, ['1'], anonymous))).toEqual([{ code: 'UNAUTHENTICATED', path: ['_entities', 0, 'storeCredit'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});

describe('Mutation.debitCredit (the saga, scope service)', () => {
  it('takes the amount once per order, a retry answering applied: false, and drops the cached balance', async () => {
    const { kit } = payments();
    await creditOf(kit, ['1'], user('1'));
    const variables = { o: 'order-1', u: '1', a: 300 };
    expect((await kit.execute(debit, { variables, viewer: service() })).data).toEqual({ debitCredit: { orderId: 'order-1', balance: 700, applied: true } });
    expect((await kit.execute(debit, { variables, viewer: service() })).data).toEqual({ debitCredit: { orderId: 'order-1', balance: 700, applied: false } });
    expect(kit.cache!.keys('del')).toEqual(['Credit:1', 'Credit:1']);
    expect((await creditOf(kit, ['1'], user('1'))).data).toEqual({ _entities: [{ id: '1', storeCredit: 700 }] });
  });

  it('takes the whole balance, but never more: INSUFFICIENT_CREDIT, nothing taken', async () => {
    const { kit, store } = payments();
    const short = await kit.execute(debit, { variables: { o: 'order-1', u: '2', a: 51 }, viewer: service('2') });
    expect(short.data).toEqual({ debitCredit: null });
    expect(errorsOf(short)).toEqual([{ code: 'INSUFFICIENT_CREDIT', path: ['debitCredit'] }]);
    expect(errorsOf(await kit.execute(debit, { variables: { o: 'order-2', u: '3', a: 1 }, viewer: service('3') }))).toEqual([
      { code: 'INSUFFICIENT_CREDIT', path: ['debitCredit'] },
    ]);
    expect(store.items.get('2')!.balance).toBe(50);
    expect((await kit.execute(debit, { variables: { o: 'order-3', u: '2', a: 50 }, viewer: service('2') })).data).toEqual({
      debitCredit: { orderId: 'order-3', balance: 0, applied: true },
    });
  });

  it('refuses a debit for an order already refunded (voided) with PAYMENT_VOIDED, taking nothing', async () => {
    const { kit, store } = payments();
    await kit.execute(refund, { variables: { o: 'order-1', u: '1', a: 300 }, viewer: service() });
    const late = await kit.execute(debit, { variables: { o: 'order-1', u: '1', a: 300 }, viewer: service() });
    expect(errorsOf(late)).toEqual([{ code: 'PAYMENT_VOIDED', path: ['debitCredit'] }]);
    expect(store.items.get('1')!.balance).toBe(1_000);
  });

  it.each([
    ['an anonymous caller', anonymous, 'UNAUTHENTICATED'],
    ['a user', user('1'), 'FORBIDDEN'],
    ['an admin', admin('9'), 'FORBIDDEN'],
  ])('refuses %s with %s, taking nothing', async (_, viewer, code) => {
    const { kit } = payments();
    expect(errorsOf(await kit.execute(debit, { variables: { o: 'order-1', u: '1', a: 1 }, viewer }))).toEqual([{ code, path: ['debitCredit'] }]);
    expect(errorsOf(await kit.execute(refund, { variables: { o: 'order-1', u: '1', a: 1 }, viewer }))).toEqual([{ code, path: ['refundCredit'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it.each([
    [{ o: 'order-1', u: '1', a: 0 }, 'amount'],
    [{ o: 'order-1', u: '1', a: -5 }, 'amount'],
    [{ o: 'order-1', u: '1', a: MAX_BALANCE + 1 }, 'amount'],
    [{ o: 'order 1', u: '1', a: 1 }, 'orderId'],
    [{ o: 'order-1', u: '', a: 1 }, 'userId'],
  ])('refuses %j with BAD_USER_INPUT on %s, for debits and refunds alike', async (variables, field) => {
    const { kit } = payments();
    expect(errorsOf(await kit.execute(debit, { variables, viewer: service() }))).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['debitCredit'] }]);
    expect(errorsOf(await kit.execute(refund, { variables, viewer: service() }))).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['refundCredit'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});

describe('Mutation.refundCredit (the saga, scope service)', () => {
  it('gives a debit back once; a retry answers applied: false', async () => {
    const { kit } = payments();
    await kit.execute(debit, { variables: { o: 'order-1', u: '1', a: 300 }, viewer: service() });
    const variables = { o: 'order-1', u: '1', a: 300 };
    expect((await kit.execute(refund, { variables, viewer: service() })).data).toEqual({ refundCredit: { orderId: 'order-1', balance: 1_000, applied: true } });
    expect((await kit.execute(refund, { variables, viewer: service() })).data).toEqual({ refundCredit: { orderId: 'order-1', balance: 1_000, applied: false } });
  });

  it('before its debit, voids it: nothing is given that was not taken', async () => {
    const { kit } = payments();
    expect((await kit.execute(refund, { variables: { o: 'order-1', u: '1', a: 300 }, viewer: service() })).data).toEqual({
      refundCredit: { orderId: 'order-1', balance: 1_000, applied: false },
    });
    expect((await kit.execute(refund, { variables: { o: 'order-2', u: '3', a: 300 }, viewer: service('3') })).data).toEqual({
      refundCredit: { orderId: 'order-2', balance: 0, applied: false },
    });
  });
});

describe('Mutation.grantCredit (scope admin)', () => {
  it("adds to a user's credit, from none, and the new balance is read fresh", async () => {
    const { kit } = payments();
    await creditOf(kit, ['1', '3'], admin('9'));
    expect((await kit.execute(grant, { variables: { u: '1', a: 500 }, viewer: admin('9') })).data).toEqual({ grantCredit: { id: '1', storeCredit: 1_500 } });
    expect((await kit.execute(grant, { variables: { u: '3', a: 20 }, viewer: admin('9') })).data).toEqual({ grantCredit: { id: '3', storeCredit: 20 } });
    // The grant is the admin's doing, for the CreditGranted event.
    expect(kit.callsTo('grant')[0]).toEqual(['1', 500, expect.objectContaining({ userId: '9', scopes: ['admin'] })]);
  });

  it('refuses a grant that would take the balance past the maximum with BAD_USER_INPUT on amount', async () => {
    const { kit, store } = payments();
    store.items.get('1')!.balance = MAX_BALANCE - 10;
    const result = await kit.execute(grant, { variables: { u: '1', a: 11 }, viewer: admin('9') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'amount', path: ['grantCredit'] }]);
    expect(kit.cache!.keys('del')).toEqual([]);
    expect((await kit.execute(grant, { variables: { u: '1', a: 10 }, viewer: admin('9') })).data).toEqual({ grantCredit: { id: '1', storeCredit: MAX_BALANCE } });
  });

  it.each([
    [{ u: '1', a: 0 }, 'amount'],
    [{ u: '1', a: 10_000_001 }, 'amount'],
    [{ u: 'x'.repeat(65), a: 1 }, 'userId'],
  ])('refuses %j with BAD_USER_INPUT on %s', async (variables, field) => {
    const { kit } = payments();
    expect(errorsOf(await kit.execute(grant, { variables, viewer: admin('9') }))).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['grantCredit'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it.each([
    ['an anonymous caller', anonymous, 'UNAUTHENTICATED'],
    ['the user themselves', user('1'), 'FORBIDDEN'],
    ['the orders service', service(), 'FORBIDDEN'],
  ])('refuses %s with %s', async (_, viewer, code) => {
    const { kit } = payments();
    expect(errorsOf(await kit.execute(grant, { variables: { u: '1', a: 1 }, viewer }))).toEqual([{ code, path: ['grantCredit'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});
