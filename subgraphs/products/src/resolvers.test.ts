import { admin, anonymous, errorsOf, testSubgraph, user } from '@tributary/service-kit/subgraph/testing';
import { describe, expect, it } from 'vitest';
import { subgraph } from './app.ts';
import { settings } from './config.ts';
import type { Product } from './product-store.ts';
import { MemoryProductStore } from './test/memory-product-store.ts';

const product = (n: number): Product => ({ upc: `p${n}`, name: `Product ${n}`, price: 100 * n, weight: 10 * n, description: `About ${n}`, rank: n });
/** Stored out of rank order, so order comes from the ranking and not from insertion. */
const catalog = [3, 1, 7, 2, 6, 4, 5].map(product);

const products = (items: Product[] = catalog) => testSubgraph(subgraph, { config: settings.parse({}), store: new MemoryProductStore(items) });

const update = 'mutation($upc: String!, $input: UpdateProductInput!) { updateProduct(upc: $upc, input: $input) { upc name price description } }';

describe('Query.topProducts', () => {
  it('lists the best-ranked products first, five by default, with one store call', async () => {
    const kit = products();
    const result = await kit.execute<{ topProducts: { upc: string }[] }>('{ topProducts { upc rank } }');
    expect(result.data!.topProducts).toEqual([1, 2, 3, 4, 5].map((n) => ({ upc: `p${n}`, rank: n })));
    expect(kit.storeCalls).toEqual([{ method: 'top', args: [5] }]);
  });

  it('caches the ranking and its products: the next request reads nothing from the store', async () => {
    const kit = products();
    await kit.execute('{ topProducts(first: 2) { name } }');
    expect(kit.cache!.keys('mset').sort()).toEqual(['Product.top:2', 'Product:p1', 'Product:p2']);
    kit.resetCalls();
    expect((await kit.execute('{ topProducts(first: 2) { name } }')).data).toEqual({ topProducts: [{ name: 'Product 1' }, { name: 'Product 2' }] });
    expect(kit.storeCalls).toEqual([]);
  });

  it.each([0, 101, -1])('refuses first: %i with BAD_USER_INPUT on first', async (first) => {
    const kit = products();
    const result = await kit.execute('query($first: Int) { topProducts(first: $first) { upc } }', { variables: { first } });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'first', path: ['topProducts'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});

describe('Query.product', () => {
  it('answers a product by UPC, and null for a UPC with no product', async () => {
    const kit = products();
    expect((await kit.execute('{ product(upc: "p7") { name price weight description rank } }')).data).toEqual({
      product: { name: 'Product 7', price: 700, weight: 70, description: 'About 7', rank: 7 },
    });
    expect((await kit.execute('{ product(upc: "p99") { name } }')).data).toEqual({ product: null });
  });

  it.each(['', 'has space', 'x'.repeat(65), 'p1;drop'])('refuses the UPC %j with BAD_USER_INPUT on upc', async (upc) => {
    const kit = products();
    const result = await kit.execute('query($upc: String!) { product(upc: $upc) { name } }', { variables: { upc } });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'upc', path: ['product'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});

describe('Mutation.updateProduct (@requiresScopes admin)', () => {
  it('applies an admin\'s patch, trimmed, and drops the cached product', async () => {
    const kit = products();
    await kit.execute('{ product(upc: "p1") { name } }');
    const result = await kit.execute(update, { variables: { upc: 'p1', input: { name: ' Renamed ', price: 0 } }, viewer: admin('9') });
    expect(result.data).toEqual({ updateProduct: { upc: 'p1', name: 'Renamed', price: 0, description: 'About 1' } });
    // The actor travels with the write, for the ProductUpdated event.
    expect(kit.callsTo('update')).toEqual([['p1', { name: 'Renamed', price: 0 }, expect.objectContaining({ userId: '9', scopes: ['admin'] })]]);
    expect(kit.cache!.keys('del')).toEqual(['Product:p1']);
    expect((await kit.execute('{ product(upc: "p1") { name } }')).data).toEqual({ product: { name: 'Renamed' } });
  });

  it.each([
    ['an anonymous caller', anonymous, 'UNAUTHENTICATED'],
    ['a user without the admin scope', user('1'), 'FORBIDDEN'],
  ])('refuses %s with %s, writing nothing', async (_, viewer, code) => {
    const kit = products();
    const result = await kit.execute(update, { variables: { upc: 'p1', input: { price: 1 } }, viewer });
    expect(result.data).toEqual({ updateProduct: null });
    expect(errorsOf(result)).toEqual([{ code, path: ['updateProduct'] }]);
    expect(kit.callsTo('update')).toEqual([]);
  });

  it.each([
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ price: -1 }, 'price'],
    [{ price: 100_000_001 }, 'price'],
    [{ description: 'x'.repeat(2_001) }, 'description'],
    [{}, 'input'],
    [{ name: null, price: null }, 'input'],
  ])('refuses %j with BAD_USER_INPUT on %s, writing nothing', async (input, field) => {
    const kit = products();
    const result = await kit.execute(update, { variables: { upc: 'p1', input }, viewer: admin('9') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['updateProduct'] }]);
    expect(kit.callsTo('update')).toEqual([]);
  });

  it('accepts the bounds: a 200-character name, a price of 100,000,000, a 2,000-character description', async () => {
    const input = { name: 'n'.repeat(200), price: 100_000_000, description: 'd'.repeat(2_000) };
    const result = await products().execute(update, { variables: { upc: 'p1', input }, viewer: admin('9') });
    expect(errorsOf(result)).toEqual([]);
  });

  it('refuses a malformed UPC, and one with no product, with BAD_USER_INPUT on upc', async () => {
    const kit = products();
    for (const upc of ['not a upc', 'p99']) {
      const result = await kit.execute(update, { variables: { upc, input: { price: 1 } }, viewer: admin('9') });
      expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'upc', path: ['updateProduct'] }]);
    }
    expect(kit.callsTo('update')).toEqual([['p99', { price: 1 }, expect.objectContaining({ userId: '9' })]]);
    expect(kit.cache!.keys('del')).toEqual([]);
  });
});

describe('Product.__resolveReference', () => {
  it('resolves N references with one store call, unknown and malformed UPCs as null', async () => {
    const kit = products();
    const reps = ['p1', 'p2', 'p3', 'p99', 'bad upc'].map((upc) => ({ __typename: 'Product', upc }));
    const result = await kit.entities(reps, '... on Product { upc price }');
    expect(result.data).toEqual({ _entities: [{ upc: 'p1', price: 100 }, { upc: 'p2', price: 200 }, { upc: 'p3', price: 300 }, null, null] });
    expect(kit.callsTo('findByUpcs')).toEqual([[['p1', 'p2', 'p3', 'p99']]]);
  });

  it('sends one store request per reference when batching is off (the naive benchmark)', async () => {
    const kit = testSubgraph(subgraph, { config: settings.parse({ BATCHING_ENABLED: 'false', CACHE_ENABLED: 'false' }), store: new MemoryProductStore(catalog) });
    await kit.entities(['p1', 'p2'].map((upc) => ({ __typename: 'Product', upc })), '... on Product { upc }');
    expect(kit.callsTo('findByUpcs')).toEqual([[['p1']], [['p2']]]);
  });
});
