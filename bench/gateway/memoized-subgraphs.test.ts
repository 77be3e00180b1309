import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveMemoizedSubgraphs, type MemoizedSubgraphs } from './memoized-subgraphs.ts';

let subgraphs: MemoizedSubgraphs;
beforeAll(async () => {
  subgraphs = await serveMemoizedSubgraphs();
});
afterAll(() => subgraphs.stop());

const post = async (url: string, body: unknown) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
};

describe('memoized benchmark subgraphs', () => {
  test("answer with the benchmark's data, the same bytes again from memory, and count every request", async () => {
    const query = '{ topProducts(first: 2) { upc name price weight } }';
    const first = await post(subgraphs.urls.products!, { query });
    expect(first).toEqual({ status: 200, text: '{"data":{"topProducts":[{"upc":"1","name":"Table","price":899,"weight":100},{"upc":"2","name":"Couch","price":1299,"weight":1000}]}}' });
    expect(await post(subgraphs.urls.products!, { query })).toEqual(first);
    expect(subgraphs.requests()).toMatchObject({ products: 2, accounts: 0 });
  });

  test('answer entity fetches with @requires fields as the benchmark computes them', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { inStock shippingEstimate } } }';
    const representations = [{ __typename: 'Product', upc: '1', price: 899, weight: 100 }, { __typename: 'Product', upc: '2', price: 1299, weight: 1000 }];
    expect(await post(subgraphs.urls.inventory!, { query, variables: { r: representations } })).toEqual({
      status: 200,
      text: '{"data":{"_entities":[{"inStock":true,"shippingEstimate":50},{"inStock":false,"shippingEstimate":0}]}}',
    });
  });

  test('a body that is not a GraphQL request gets 400', async () => {
    expect((await post(subgraphs.urls.reviews!, { query: '{' })).status).toBe(400);
  });
});
