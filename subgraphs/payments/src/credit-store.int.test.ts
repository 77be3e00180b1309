import { createDynamo, ensureTable } from '@tributary/service-kit/subgraph';
import { describe, expect, it } from 'vitest';
import { startTestDynamo } from '../../../test-support/dynamo.ts';
import { CreditStore } from './credit-store.ts';
import { paymentsTable } from './table.ts';

async function setup() {
  const dynalite = await startTestDynamo();
  const dynamo = createDynamo({ region: 'us-east-1', endpoint: dynalite.endpoint });
  await ensureTable(dynamo.client, paymentsTable('payments'));
  const store = new CreditStore(dynamo.doc, 'payments');
  await store.insertMany([{ userId: 'u1', balance: 1_000 }]);
  return {
    store,
    balance: async () => (await store.findByUsers(['u1']))[0]!.balance,
    async [Symbol.asyncDispose]() {
      dynamo.close();
      await dynalite[Symbol.asyncDispose]();
    },
  };
}

describe('CreditStore against dynalite', () => {
  it('debits once per order and never below zero', async () => {
    await using env = await setup();
    expect(await env.store.debit('o1', 'u1', 600)).toEqual({ orderId: 'o1', balance: 400, applied: true });
    expect(await env.store.debit('o1', 'u1', 600)).toEqual({ orderId: 'o1', balance: 400, applied: false });
    expect(await env.store.debit('o2', 'u1', 401)).toBe('insufficient');
    expect(await env.store.debit('o3', 'nobody', 1)).toBe('insufficient');
    expect(await env.balance()).toBe(400);
  });

  it('concurrent debits: the balance covers exactly as many as it can', async () => {
    await using env = await setup();
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => env.store.debit(`o${i}`, 'u1', 100)));
    expect(outcomes.filter((o) => typeof o === 'object')).toHaveLength(10);
    expect(await env.balance()).toBe(0);
  });

  it('refunds a debit once, and a refund before the debit voids it', async () => {
    await using env = await setup();
    await env.store.debit('o1', 'u1', 300);
    expect((await env.store.refund('o1', 'u1', 300)).applied).toBe(true);
    expect((await env.store.refund('o1', 'u1', 300)).applied).toBe(false);
    expect(await env.balance()).toBe(1_000);
    expect((await env.store.refund('late', 'u1', 300)).applied).toBe(false);
    expect(await env.store.debit('late', 'u1', 300)).toBe('voided');
    expect(await env.balance()).toBe(1_000);
  });

  it('grants credit up to the maximum', async () => {
    await using env = await setup();
    expect(await env.store.grant('u1', 500)).toEqual({ userId: 'u1', balance: 1_500 });
    expect(await env.store.grant('u1', 100_000_000)).toBeNull();
    expect(await env.store.grant('new', 5)).toEqual({ userId: 'new', balance: 5 });
  });
});
