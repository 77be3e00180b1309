import { storeCalls, type Identity } from '@tributary/service-kit';
import { createDynamo, ensureTable } from '@tributary/service-kit/subgraph';
import { describe, expect, it } from 'vitest';
import { startTestDynamo } from '../../../test-support/dynamo.ts';
import { codes, subgraphExecutor, testViewer } from '../../../test-support/graphql.ts';
import { testLoaderSettings } from '../../../test-support/cache.ts';
import type { InventoryContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { subgraph } from './app.ts';
import { MAX_QUANTITY, StockStore } from './stock-store.ts';
import { inventoryTable } from './table.ts';

async function setup() {
  const dynalite = await startTestDynamo();
  const dynamo = createDynamo({ region: 'us-east-1', endpoint: dynalite.endpoint });
  await ensureTable(dynamo.client, inventoryTable('inventory'));
  const store = new StockStore(dynamo.doc, 'inventory');
  const known = new Set(['100000000001', '100000000002']);
  const products = { existing: async (_: string, __: string, keys: string[]) => new Set(keys.filter((k) => known.has(k))) };
  return {
    store,
    context: (viewer: Identity | null = null): InventoryContext => {
      const settings = testLoaderSettings();
      return { store, cache: settings.cache, loaders: createLoaders(store, settings), viewer, subgraphs: { products } };
    },
    async [Symbol.asyncDispose]() {
      dynamo.close();
      await dynalite[Symbol.asyncDispose]();
    },
  };
}

const execute = subgraphExecutor('inventory', resolvers);

describe('StockStore against dynalite', () => {
  it('adds atomically and refuses to pass the maximum', async () => {
    await using env = await setup();
    expect(await env.store.add('x', 5)).toEqual({ upc: 'x', quantity: 5 });
    expect(await env.store.add('x', 7)).toEqual({ upc: 'x', quantity: 12 });
    expect(await env.store.add('x', MAX_QUANTITY)).toBeNull();
    expect(await env.store.findByUpcs(['x'])).toEqual([{ upc: 'x', quantity: 12 }]);
  });

  it('resolves stock and shipping for 60 products in one round trip', async () => {
    await using env = await setup();
    await subgraph.seed!(env.store, 'large');
    const reps = Array.from({ length: 60 }, (_, i) => ({ __typename: 'Product', upc: String(100_000_000_001 + i), price: 500 + i * 500, weight: 1500 }));
    const before = storeCalls.total;
    const result = await execute(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { upc inStock quantity shippingEstimate } } }',
      { r: reps },
      env.context(),
    );
    expect(storeCalls.total - before).toBe(1);
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as { upc: string; inStock: boolean; quantity: number; shippingEstimate: number }[];
    expect(entities).toHaveLength(60);
    expect(entities[0]!.shippingEstimate).toBe(499 + 2 * 150);
    expect(entities[59]!.shippingEstimate).toBe(0);
    for (const e of entities) expect(e.inStock).toBe(e.quantity > 0);
  });

  it('sets and restocks known products only, rejecting bad input without writing', async () => {
    await using env = await setup();
    const run = (query: string, variables: Record<string, unknown>, viewer = testViewer('1', ['admin'])) =>
      execute(query, variables, env.context(viewer));
    const set = 'mutation($u: String!, $q: Int!) { setStock(upc: $u, quantity: $q) { upc quantity inStock } }';
    const restock = 'mutation($u: String!, $a: Int!) { restock(upc: $u, amount: $a) { quantity } }';
    expect(codes(await run(set, { u: '100000000001', q: 3 }, testViewer('2')))).toEqual(['FORBIDDEN']);
    expect(codes(await run(restock, { u: '100000000001', a: 3 }, testViewer('2')))).toEqual(['FORBIDDEN']);
    expect(codes(await run(set, { u: 'unknown', q: 3 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await run(set, { u: '100000000001', q: -1 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await run(restock, { u: '100000000001', a: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(await env.store.findByUpcs(['unknown', '100000000001'])).toEqual([]);
    expect((await run(set, { u: '100000000001', q: 3 })).data).toEqual({ setStock: { upc: '100000000001', quantity: 3, inStock: true } });
    expect((await run(restock, { u: '100000000001', a: 4 })).data).toEqual({ restock: { quantity: 7 } });
    expect(codes(await run(restock, { u: '100000000001', a: MAX_QUANTITY }))).toEqual(['BAD_USER_INPUT']);
  });
});
