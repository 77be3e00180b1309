import { admin, anonymous, errorsOf, knownEntities, testSubgraph, user } from '@tributary/service-kit/subgraph/testing';
import { describe, expect, it } from 'vitest';
import { subgraph } from './app.ts';
import { settings } from './config.ts';
import { FREE_SHIPPING_FROM } from './shipping.ts';
import { MAX_QUANTITY } from './stock-store.ts';
import { MemoryStockStore } from './test/memory-stock-store.ts';

/** Stock for p1 and p2; the products subgraph knows p1, p2 and p3 (p3 has no stock row yet). */
const inventory = () => {
  const products = knownEntities({ Product: ['p1', 'p2', 'p3'] });
  const kit = testSubgraph(subgraph, {
    config: settings.parse({}),
    store: new MemoryStockStore([{ upc: 'p1', quantity: 5 }, { upc: 'p2', quantity: 0 }]),
    subgraphs: { products },
  });
  return { kit, products };
};

const setStock = 'mutation($upc: String!, $quantity: Int!) { setStock(upc: $upc, quantity: $quantity) { upc quantity inStock } }';
const restock = 'mutation($upc: String!, $amount: Int!) { restock(upc: $upc, amount: $amount) { upc quantity inStock } }';

describe('Product.__resolveReference, inStock and quantity', () => {
  it('resolves N references with one store call; a product with no stock row has none', async () => {
    const { kit } = inventory();
    const reps = ['p1', 'p2', 'p3', 'bad upc'].map((upc) => ({ __typename: 'Product', upc }));
    const result = await kit.entities(reps, '... on Product { upc quantity inStock }');
    expect(result.data).toEqual({
      _entities: [
        { upc: 'p1', quantity: 5, inStock: true },
        { upc: 'p2', quantity: 0, inStock: false },
        { upc: 'p3', quantity: 0, inStock: false },
        { upc: 'bad upc', quantity: 0, inStock: false },
      ],
    });
    expect(kit.callsTo('findByUpcs')).toEqual([[['p1', 'p2', 'p3']]]);
  });

  it('answers the next request for the same stock from the cache', async () => {
    const { kit } = inventory();
    const reps = [{ __typename: 'Product', upc: 'p1' }];
    await kit.entities(reps, '... on Product { quantity }');
    kit.resetCalls();
    expect((await kit.entities(reps, '... on Product { quantity }')).data).toEqual({ _entities: [{ quantity: 5 }] });
    expect(kit.storeCalls).toEqual([]);
    expect(kit.cache!.keys('mget')).toEqual(['Stock:p1']);
  });
});

describe('Product.shippingEstimate (@requires price and weight)', () => {
  const estimate = async (fields: Record<string, unknown>) => {
    const { kit } = inventory();
    return kit.entities([{ __typename: 'Product', upc: 'p1', ...fields }], '... on Product { shippingEstimate }');
  };

  it('is computed from the price and weight the gateway sends in the representation', async () => {
    expect((await estimate({ price: 999, weight: 0 })).data).toEqual({ _entities: [{ shippingEstimate: 499 }] });
    expect((await estimate({ price: 999, weight: 1_001 })).data).toEqual({ _entities: [{ shippingEstimate: 799 }] });
    expect((await estimate({ price: FREE_SHIPPING_FROM, weight: 50_000 })).data).toEqual({ _entities: [{ shippingEstimate: 0 }] });
  });

  it.each([{ price: 999 }, { weight: 10 }, {}])('is null with a masked error when %j lacks a required field', async (fields) => {
    const result = await estimate(fields);
    expect(result.data).toEqual({ _entities: [{ shippingEstimate: null }] });
    expect(result.errors).toEqual([expect.objectContaining({ message: 'Internal server error', path: ['_entities', 0, 'shippingEstimate'] })]);
  });
});

describe('Mutation.setStock (@requiresScopes admin)', () => {
  it('sets an existing product\'s stock, asking the products subgraph first, and drops the cached stock', async () => {
    const { kit, products } = inventory();
    const result = await kit.execute(setStock, { variables: { upc: 'p3', quantity: 0 }, viewer: admin('9') });
    expect(result.data).toEqual({ setStock: { upc: 'p3', quantity: 0, inStock: false } });
    expect(products.calls).toEqual([{ method: 'existing', args: ['Product', 'upc', ['p3']] }]);
    // The actor travels with the write, for the StockSet event.
    expect(kit.callsTo('set')).toEqual([['p3', 0, expect.objectContaining({ userId: '9', scopes: ['admin'] })]]);
    expect(kit.cache!.keys('del')).toEqual(['Stock:p3']);
    expect((await kit.execute(setStock, { variables: { upc: 'p3', quantity: MAX_QUANTITY }, viewer: admin('9') })).data).toEqual({
      setStock: { upc: 'p3', quantity: MAX_QUANTITY, inStock: true },
    });
  });

  it.each([
    ['an anonymous caller', anonymous, 'UNAUTHENTICATED'],
    ['a user without the admin scope', user('1'), 'FORBIDDEN'],
  ])('refuses %s with %s, asking and writing nothing', async (_, viewer, code) => {
    const { kit, products } = inventory();
    const result = await kit.execute(setStock, { variables: { upc: 'p1', quantity: 1 }, viewer });
    expect(errorsOf(result)).toEqual([{ code, path: ['setStock'] }]);
    expect([kit.storeCalls, products.calls]).toEqual([[], []]);
  });

  it.each([
    [{ upc: 'p1', quantity: -1 }, 'quantity'],
    [{ upc: 'p1', quantity: MAX_QUANTITY + 1 }, 'quantity'],
    [{ upc: 'bad upc', quantity: 1 }, 'upc'],
    [{ upc: 'p99', quantity: 1 }, 'upc'],
  ])('refuses %j with BAD_USER_INPUT on %s, writing nothing', async (variables, field) => {
    const { kit } = inventory();
    const result = await kit.execute(setStock, { variables, viewer: admin('9') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['setStock'] }]);
    expect(kit.callsTo('set')).toEqual([]);
  });
});

describe('Mutation.restock (@requiresScopes admin)', () => {
  it('adds to the stock, from none for a product without a row, and drops the cached stock', async () => {
    const { kit } = inventory();
    expect((await kit.execute(restock, { variables: { upc: 'p1', amount: 3 }, viewer: admin('9') })).data).toEqual({
      restock: { upc: 'p1', quantity: 8, inStock: true },
    });
    expect((await kit.execute(restock, { variables: { upc: 'p3', amount: 1 }, viewer: admin('9') })).data).toEqual({
      restock: { upc: 'p3', quantity: 1, inStock: true },
    });
    expect(kit.cache!.keys('del')).toEqual(['Stock:p1', 'Stock:p3']);
  });

  it.each([
    ['an anonymous caller', anonymous, 'UNAUTHENTICATED'],
    ['a user without the admin scope', user('1'), 'FORBIDDEN'],
  ])('refuses %s with %s, writing nothing', async (_, viewer, code) => {
    const { kit } = inventory();
    const result = await kit.execute(restock, { variables: { upc: 'p1', amount: 1 }, viewer });
    expect(errorsOf(result)).toEqual([{ code, path: ['restock'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it.each([
    [{ upc: 'p1', amount: 0 }, 'amount'],
    [{ upc: 'p1', amount: MAX_QUANTITY + 1 }, 'amount'],
    [{ upc: 'bad upc', amount: 1 }, 'upc'],
    [{ upc: 'p99', amount: 1 }, 'upc'],
  ])('refuses %j with BAD_USER_INPUT on %s, writing nothing', async (variables, field) => {
    const { kit } = inventory();
    const result = await kit.execute(restock, { variables, viewer: admin('9') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['restock'] }]);
    expect(kit.callsTo('add')).toEqual([]);
  });

  it('refuses an amount that would take the stock past the maximum with BAD_USER_INPUT on amount', async () => {
    const { kit } = inventory();
    const result = await kit.execute(restock, { variables: { upc: 'p1', amount: MAX_QUANTITY }, viewer: admin('9') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'amount', path: ['restock'] }]);
    expect(kit.cache!.keys('del')).toEqual([]);
    expect((await kit.entities([{ __typename: 'Product', upc: 'p1' }], '... on Product { quantity }')).data).toEqual({ _entities: [{ quantity: 5 }] });
  });
});
