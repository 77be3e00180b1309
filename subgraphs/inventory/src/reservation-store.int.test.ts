import { setTimeout as sleep } from 'node:timers/promises';
import { createDynamo, ensureTable } from '@tributary/service-kit/subgraph';
import { describe, expect, it } from 'vitest';
import { startTestDynamo } from '../../../test-support/dynamo.ts';
import { StockStore } from './stock-store.ts';
import { inventoryTable } from './table.ts';

async function setup(ttlMs = 60_000) {
  const dynalite = await startTestDynamo();
  const dynamo = createDynamo({ region: 'us-east-1', endpoint: dynalite.endpoint });
  await ensureTable(dynamo.client, inventoryTable('inventory'));
  const stock = new StockStore(dynamo.doc, 'inventory', undefined, ttlMs);
  await stock.insertMany([{ upc: 'a', quantity: 5 }, { upc: 'b', quantity: 1 }]);
  return {
    reservations: stock.reservations,
    quantities: async () => Object.fromEntries((await stock.findByUpcs(['a', 'b'])).map((s) => [s.upc, s.quantity])),
    async [Symbol.asyncDispose]() {
      dynamo.close();
      await dynalite[Symbol.asyncDispose]();
    },
  };
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('ReservationStore against dynalite', () => {
  it('takes every line or none, once per order', async () => {
    await using env = await setup();
    expect(await env.reservations.reserve(id(1), [{ upc: 'a', quantity: 2 }, { upc: 'b', quantity: 1 }])).toMatchObject({ state: 'held' });
    expect(await env.reservations.reserve(id(1), [{ upc: 'a', quantity: 2 }, { upc: 'b', quantity: 1 }])).toMatchObject({ state: 'held' });
    expect(await env.quantities()).toEqual({ a: 3, b: 0 });
    expect(await env.reservations.reserve(id(2), [{ upc: 'a', quantity: 1 }, { upc: 'b', quantity: 1 }])).toEqual({ outOfStock: 'b' });
    expect(await env.reservations.reserve(id(2), [{ upc: 'a', quantity: 1 }, { upc: 'b', quantity: 1 }])).toEqual({ outOfStock: 'b' });
    expect(await env.quantities()).toEqual({ a: 3, b: 0 });
  });

  it('gives back once, keeps confirmed stock taken, and a reserve after a release takes nothing', async () => {
    await using env = await setup();
    await env.reservations.reserve(id(1), [{ upc: 'a', quantity: 2 }]);
    await env.reservations.release(id(1));
    await env.reservations.release(id(1));
    expect(await env.quantities()).toEqual({ a: 5, b: 1 });
    expect(await env.reservations.confirm(id(1))).toBe('released');
    await env.reservations.release(id(3));
    expect(await env.reservations.reserve(id(3), [{ upc: 'a', quantity: 1 }])).toBe('released');
    await env.reservations.reserve(id(4), [{ upc: 'a', quantity: 4 }]);
    expect(await env.reservations.confirm(id(4))).toMatchObject({ state: 'confirmed' });
    expect(await env.quantities()).toEqual({ a: 1, b: 1 });
    // Cancelling a confirmed order gives its stock back too.
    await env.reservations.release(id(4));
    expect(await env.quantities()).toEqual({ a: 5, b: 1 });
  });

  it('sells exactly what is in stock to concurrent reservations', async () => {
    await using env = await setup();
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => env.reservations.reserve(id(10 + i), [{ upc: 'a', quantity: 1 }])));
    expect(outcomes.filter((o) => typeof o === 'object' && 'state' in o)).toHaveLength(5);
    expect(await env.quantities()).toEqual({ a: 0, b: 1 });
  });

  it('lists reservations past their expiry that were never confirmed', async () => {
    await using env = await setup(50);
    await env.reservations.reserve(id(1), [{ upc: 'a', quantity: 1 }]);
    await env.reservations.reserve(id(2), [{ upc: 'a', quantity: 1 }]);
    await env.reservations.confirm(id(2));
    await sleep(100);
    expect(await env.reservations.expired()).toEqual([id(1)]);
    await env.reservations.release(id(1));
    expect(await env.reservations.expired()).toEqual([]);
  });
});
