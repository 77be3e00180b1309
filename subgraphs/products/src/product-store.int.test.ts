import { storeCalls, type Identity } from '@tributary/service-kit';
import { createDynamo, ensureTable } from '@tributary/service-kit/subgraph';
import { profiles, products } from '@tributary/seed';
import { describe, expect, it } from 'vitest';
import { startTestDynamo } from '../../../test-support/dynamo.ts';
import { codes, subgraphExecutor, testViewer } from '../../../test-support/graphql.ts';
import { testLoaderSettings } from '../../../test-support/cache.ts';
import type { ProductsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { ProductStore } from './product-store.ts';
import { resolvers } from './resolvers.ts';
import { subgraph } from './app.ts';
import { productsTable } from './table.ts';

async function setup() {
  const dynalite = await startTestDynamo();
  const dynamo = createDynamo({ region: 'us-east-1', endpoint: dynalite.endpoint });
  await ensureTable(dynamo.client, productsTable('products'));
  const store = new ProductStore(dynamo.doc, 'products');
  return {
    store,
    context: (viewer: Identity | null = null): ProductsContext => {
      const settings = testLoaderSettings();
      return { store, cache: settings.cache, loaders: createLoaders(store, settings), viewer, subgraphs: {} };
    },
    async [Symbol.asyncDispose]() {
      dynamo.close();
      await dynalite[Symbol.asyncDispose]();
    },
  };
}

const execute = subgraphExecutor('products', resolvers);

describe('ProductStore against dynalite', () => {
  it('creates the table once and seeds once', async () => {
    await using env = await setup();
    expect(await subgraph.seed!(env.store, 'small')).toBe(30);
    expect(await subgraph.seed!(env.store, 'small')).toBe(0);
  });

  it('lists top products by rank', async () => {
    await using env = await setup();
    await subgraph.seed!(env.store, 'small');
    expect((await env.store.top(3)).map((p) => p.rank)).toEqual([1, 2, 3]);
  });

  it('gets 250 products in chunks of 100, absent ones left out', async () => {
    await using env = await setup();
    await env.store.insertMany([...products({ ...profiles.small, products: 300 })]);
    const upcs = [...products({ ...profiles.small, products: 250 })].map((p) => p.upc);
    const before = storeCalls.total;
    const found = await env.store.findByUpcs([...upcs, 'missing']);
    expect(storeCalls.total - before).toBe(3);
    expect(new Set(found.map((p) => p.upc))).toEqual(new Set(upcs));
  });

  it('resolves 60 product references in one round trip', async () => {
    await using env = await setup();
    await subgraph.seed!(env.store, 'large');
    const upcs = Array.from({ length: 60 }, (_, i) => String(100_000_000_001 + i * 13));
    const before = storeCalls.total;
    const result = await execute(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { upc name price } } }',
      { r: upcs.map((upc) => ({ __typename: 'Product', upc })) },
      env.context(),
    );
    expect(storeCalls.total - before).toBe(1);
    expect(result.data!._entities.map((p: { upc: string }) => p.upc)).toEqual(upcs);
  });

  it('updates only existing products and rejects bad input without writing', async () => {
    await using env = await setup();
    await subgraph.seed!(env.store, 'small');
    const update = (upc: string, input: Record<string, unknown>, viewer = testViewer('1', ['admin'])) =>
      execute('mutation($u: String!, $i: UpdateProductInput!) { updateProduct(upc: $u, input: $i) { name price } }', { u: upc, i: input }, env.context(viewer));
    expect(codes(await update('100000000001', { price: 1 }, testViewer('1')))).toEqual(['FORBIDDEN']);
    expect(codes(await update('100000000001', { price: -1 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await update('100000000001', { name: '' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await update('100000000001', {}))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await update('nope', { price: 5 }))).toEqual(['BAD_USER_INPUT']);
    const [unchanged] = await env.store.findByUpcs(['100000000001']);
    expect((await update('100000000001', { price: 1234 })).data).toEqual({ updateProduct: { name: unchanged!.name, price: 1234 } });
    expect(await env.store.findByUpcs(['nope'])).toEqual([]);
  });
});
