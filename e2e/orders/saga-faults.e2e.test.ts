import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../support/stack.ts';
import { shop } from './shop.ts';
import { readStores, reconcile, type StoresSnapshot } from './stores.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let api: ReturnType<typeof shop>;

// Sagas a dead process left are taken up after a second of silence, checked for twice a second.
const RECOVERY = { ORDERS_SAGA_RESUME_AFTER_MS: '1000', ORDERS_SAGA_RECOVERY_INTERVAL_MS: '500' };

beforeAll(async () => {
  stack = await startTestStack(RECOVERY);
  api = shop(stack);
});
afterAll(() => stack?.[Symbol.asyncDispose]());

const upc = (n: number) => String(100_000_000_000 + n);

async function settled(before: StoresSnapshot): Promise<StoresSnapshot> {
  for (let i = 0; i < 60; i += 1) {
    const now = await readStores(stack.stores);
    const fresh = [...now.orders].filter(([id]) => !before.orders.has(id));
    if (fresh.length && fresh.every(([, o]) => o.status !== 'PENDING')) return now;
    await sleep(500);
  }
  return readStores(stack.stores);
}

describe('the orders process killed mid-saga', () => {
  it.each(['after-reserve', 'after-debit', 'before-confirm'] as const)(
    'killed %s and restarted: every order ends confirmed or fully compensated, stock and credit reconciled',
    async (fault) => {
      await api.setStock(upc(10), 100);
      await api.setStock(upc(11), 1);
      const before = await readStores(stack.stores);
      await stack.restart('orders', { ORDERS_SAGA_FAULT: fault });
      // One order that can succeed, and one that is refused and compensated, each dying at the fault.
      const killed = await Promise.all([
        api.placeOrder('1', [{ productUpc: upc(10), quantity: 3 }], `${fault}-ok`),
        api.placeOrder('2', [{ productUpc: upc(10), quantity: 1 }, { productUpc: upc(11), quantity: 2 }], `${fault}-short`),
      ]);
      // The process dies under the order that can succeed; the other, refused at reserve, dies with it wherever its compensation was.
      expect(api.codes(killed[0]!)).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect((await readStores(stack.stores)).orders.size).toBe(before.orders.size + 2);

      await stack.restart('orders', { ORDERS_SAGA_FAULT: 'none' });
      const after = await settled(before);
      expect(reconcile(before, after)).toEqual([]);
      const statuses = [...after.orders].filter(([id]) => !before.orders.has(id)).map(([, o]) => o.status).sort();
      expect(statuses).toEqual(['CONFIRMED', 'REJECTED']);
      expect(after.stock.get(upc(10))!.quantity).toBe(before.stock.get(upc(10))!.quantity - 3);

      // The same request again, after the restart: the same order, not a second one.
      const retried = await api.placeOrder('1', [{ productUpc: upc(10), quantity: 3 }], `${fault}-ok`);
      expect(retried.body.data.placeOrder.status).toBe('CONFIRMED');
      expect((await readStores(stack.stores)).orders.size).toBe(before.orders.size + 2);
    },
  );

  it('releases a reservation that is never confirmed once it expires, and the saga resumed after it compensates', async () => {
    await stack.restart('inventory', { RESERVATION_TTL_SECONDS: '1', RESERVATION_SWEEP_INTERVAL_MS: '200' });
    await api.setStock(upc(12), 10);
    const before = await readStores(stack.stores);
    await stack.restart('orders', { ORDERS_SAGA_FAULT: 'before-confirm', ORDERS_SAGA_RESUME_AFTER_MS: '5000' });
    expect(api.codes(await api.placeOrder('3', [{ productUpc: upc(12), quantity: 4 }], 'expires-1'))).toEqual(['SUBGRAPH_UNAVAILABLE']);
    // The sweeper gives the stock back while no orders process is running.
    for (let i = 0; i < 40 && (await readStores(stack.stores)).stock.get(upc(12))!.quantity !== 10; i += 1) await sleep(250);
    expect((await readStores(stack.stores)).stock.get(upc(12))!.quantity).toBe(10);
    await stack.restart('orders', { ORDERS_SAGA_FAULT: 'none', ORDERS_SAGA_RESUME_AFTER_MS: '1000' });
    const after = await settled(before);
    const order = [...after.orders].find(([id]) => !before.orders.has(id))!;
    expect(order[1].status).toBe('REJECTED');
    expect(await api.order('3', order[0])).toMatchObject({ status: 'REJECTED', rejectionCode: 'RESERVATION_EXPIRED' });
    expect(reconcile(before, after)).toEqual([]);
  });
});
