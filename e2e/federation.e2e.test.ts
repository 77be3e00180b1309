import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkQueryPath } from '../test-support/config.ts';
import { startTestStack } from './support/stack.ts';
import { bearer, post } from '../test-support/http.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let url: string;
/** An administrator (user 3, scope admin), for catalog and stock changes. */
let admin: Record<string, string>;
const gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => post(url, query, variables, headers);

beforeAll(async () => {
  stack = await startTestStack();
  url = stack.gatewayUrl;
  admin = bearer(await stack.issuer.token({ user: '3', scopes: ['admin'] }));
});
afterAll(() => stack?.[Symbol.asyncDispose]());

/** Every field of every object in `value` is present and not null. */
function expectComplete(value: unknown, path = 'data'): void {
  expect(value, path).not.toBeNull();
  expect(value, path).not.toBeUndefined();
  if (Array.isArray(value)) value.forEach((item, i) => expectComplete(item, `${path}[${i}]`));
  else if (typeof value === 'object') for (const [key, item] of Object.entries(value as object)) expectComplete(item, `${path}.${key}`);
}

describe('the federated graph, subgraphs and gateway as processes', () => {
  it('answers the federation benchmark query unchanged, with complete data and no errors', async () => {
    const { status, body } = await gql(await readFile(benchmarkQueryPath, 'utf8'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expectComplete(body.data);
    expect(body.data.users).toHaveLength(10);
    expect(body.data.topProducts).toHaveLength(5);
    const review = body.data.users[0].reviews[0];
    expect(review.product.reviews.length).toBeGreaterThan(0);
    expect(review.product.reviews[0].author.reviews[0].product.upc).toMatch(/^\d+$/);
    expect(typeof body.data.topProducts[0].shippingEstimate).toBe('number');
  });

  it('is ready when every subgraph answers, and live', async () => {
    const ready = await fetch(url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { accounts: 'ok', products: 'ok', inventory: 'ok', reviews: 'ok' } });
    expect((await fetch(url.replace('/graphql', '/health'))).status).toBe(200);
  });

  it('creates a user, who signs in and reviews a product; the review comes first in both lists', async () => {
    const created = await gql('mutation { createUser(input: { name: "Grace Hopper", username: "grace.h", email: "grace@example.com", birthday: "1906-12-09" }) { id name } }');
    expect(created.body.errors).toBeUndefined();
    const userId = created.body.data.createUser.id;
    const grace = bearer(await stack.issuer.token({ user: userId }));
    expect((await gql('{ me { name email } }', undefined, grace)).body.data.me).toEqual({ name: 'Grace Hopper', email: 'grace@example.com' });
    const added = await gql(
      'mutation($i: AddReviewInput!) { addReview(input: $i) { id rating author { name } product { name } } }',
      { i: { productUpc: '100000000003', body: 'Debugged it myself.', rating: 5 } },
      grace,
    );
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data.addReview).toMatchObject({ rating: 5, author: { name: 'Grace Hopper' } });
    const read = await gql(
      'query($u: ID!) { user(id: $u) { reviews { id } } product(upc: "100000000003") { reviews(first: 1) { id body } } }',
      { u: userId },
    );
    expect(read.body.data.user.reviews).toEqual([{ id: added.body.data.addReview.id }]);
    expect(read.body.data.product.reviews[0]).toEqual({ id: added.body.data.addReview.id, body: 'Debugged it myself.' });
  });

  it('updates a product and its stock, and the graph shows both', async () => {
    const updated = await gql('mutation { updateProduct(upc: "100000000004", input: { name: "Renamed", price: 15000 }) { name price } }', undefined, admin);
    expect(updated.body.data.updateProduct).toEqual({ name: 'Renamed', price: 15000 });
    const stock = await gql('mutation { setStock(upc: "100000000004", quantity: 0) { name inStock shippingEstimate } }', undefined, admin);
    expect(stock.body.errors).toBeUndefined();
    expect(stock.body.data.setStock).toEqual({ name: 'Renamed', inStock: false, shippingEstimate: 0 });
    const restocked = await gql('mutation { restock(upc: "100000000004", amount: 5) { quantity inStock } }', undefined, admin);
    expect(restocked.body.data.restock).toEqual({ quantity: 5, inStock: true });
  });

  it('rejects bad input with BAD_USER_INPUT and writes nothing', async () => {
    const countReviews = async () => (await gql('{ product(upc: "100000000005") { reviews(first: 50) { id } } }')).body.data.product.reviews.length;
    const before = await countReviews();
    const cases = [
      ['mutation { addReview(input: { productUpc: "999999", body: "x", rating: 3 }) { id } }', 'productUpc'],
      ['mutation { addReview(input: { productUpc: "100000000005", body: "x", rating: 0 }) { id } }', 'rating'],
      ['mutation { createUser(input: { name: "Dup", username: "grace.h", email: "other@example.com" }) { id } }', 'username'],
      ['mutation { createUser(input: { name: "Bad", username: "ok_name", email: "not-an-email" }) { id } }', 'email'],
      ['mutation { updateProduct(upc: "100000000005", input: { price: -5 }) { price } }', 'price'],
      ['mutation { setStock(upc: "no-such-product", quantity: 1) { upc } }', 'upc'],
      ['{ users(first: 1000) { id } }', 'first'],
    ] as const;
    for (const [query, field] of cases) {
      const { status, body } = await gql(query, undefined, admin);
      expect(status, query).toBe(200);
      expect(body.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(JSON.stringify(body), query).not.toMatch(/\n\s+at |stacktrace/);
    }
    expect(await countReviews()).toBe(before);
    expect((await gql('{ product(upc: "100000000005") { price } }')).body.data.product.price).not.toBe(-5);
  });

  it('answers malformed requests with 4xx and a clear message, never a stack trace', async () => {
    const raw = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(url, { method: 'POST', headers, body });
    const invalidJson = await raw('{"query": ');
    expect(invalidJson.status).toBe(400);
    expect(await invalidJson.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const huge = await raw(JSON.stringify({ query: `{ users { id } } # ${'x'.repeat(2 * 1024 * 1024)}` }));
    expect(huge.status).toBe(413);
    const unknownField = await gql('{ users { password } }');
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const syntax = await gql('{ users { ');
    expect(syntax.status).toBe(400);
    expect(JSON.stringify(syntax.body)).not.toMatch(/\n\s+at /);
    expect((await fetch(url.replace('/graphql', '/nowhere'))).status).toBe(404);
  });
});
