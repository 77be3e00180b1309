import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, uniquePrefix, type PrivateRedis } from '../test-support/redis.ts';
import { startTestStack } from './support/stack.ts';
import { bearer, post } from '../test-support/http.ts';

let redis: PrivateRedis;
let stack: Awaited<ReturnType<typeof startTestStack>>;
let url: string;
/** User 3, an administrator: may change the catalog and stock, and review. */
let admin: Record<string, string>;
const prefix = uniquePrefix();
const gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => post(url, query, variables, headers);

beforeAll(async () => {
  redis = await startPrivateRedis();
  stack = await startTestStack({ REDIS_URL: redis.url, CACHE_KEY_PREFIX: prefix });
  url = stack.gatewayUrl;
  admin = bearer(await stack.issuer.token({ user: '3', scopes: ['admin'] }));
});
afterAll(async () => {
  await stack?.[Symbol.asyncDispose]();
  await redis?.stop();
});

const PAGE = '{ topProducts(first: 5) { upc name price inStock shippingEstimate reviews(first: 3) { body author { name } } } }';

describe('caching through the gateway, with Redis', () => {
  it('answers a warm page with no store round trip, and says so in extensions', async () => {
    const cold = await gql(PAGE);
    expect(cold.body.errors).toBeUndefined();
    expect(cold.body.extensions?.chattiness.storeRoundTrips).toBeGreaterThan(0);
    const warm = await gql(PAGE);
    expect(warm.body.data).toEqual(cold.body.data);
    expect(warm.body.extensions?.chattiness).toMatchObject({ storeRoundTrips: 0, cacheMisses: 0, subgraphFetches: 4 });
    expect(warm.body.extensions?.chattiness.cacheHits).toBeGreaterThan(0);
  });

  it('reads its own writes in the same subgraph: a renamed product, a new review', async () => {
    await gql('{ product(upc: "100000000002") { name reviews(first: 2) { id } } }');
    await gql('mutation { updateProduct(upc: "100000000002", input: { name: "Fresh Name" }) { name } }', undefined, admin);
    const added = await gql('mutation { addReview(input: { productUpc: "100000000002", body: "Fresh review", rating: 4 }) { id } }', undefined, admin);
    const after = await gql('{ product(upc: "100000000002") { name reviews(first: 2) { id } } user(id: "3") { name } }');
    expect(after.body.data.product.name).toBe('Fresh Name');
    expect(after.body.data.product.reviews[0].id).toBe(added.body.data.addReview.id);
  });

  it('reads its own writes across subgraphs: stock and price seen through another service', async () => {
    const before = await gql('{ topProducts(first: 1) { upc inStock shippingEstimate reviews(first: 1) { product { name price } } } }');
    const upc = before.body.data.topProducts[0].upc;
    await gql(`mutation { setStock(upc: "${upc}", quantity: 0) { upc } }`, undefined, admin);
    await gql(`mutation { updateProduct(upc: "${upc}", input: { price: 500 }) { price } }`, undefined, admin);
    const after = await gql('{ topProducts(first: 1) { inStock shippingEstimate reviews(first: 1) { product { price } } } }');
    expect(after.body.data.topProducts[0].inStock).toBe(false);
    expect(after.body.data.topProducts[0].reviews[0].product.price).toBe(500);
    expect(after.body.data.topProducts[0].shippingEstimate).toBeGreaterThan(0);
  });

  it('forgets a cached "no such user" once that user is created', async () => {
    const missing = await gql('{ user(id: "21") { name } }');
    expect(missing.body.data.user).toBeNull();
    const created = await gql('mutation { createUser(input: { name: "Newcomer", username: "newcomer", email: "new@example.com" }) { id } }');
    expect(created.body.data.createUser.id).toBe('21');
    expect((await gql('{ user(id: "21") { name } }')).body.data.user).toEqual({ name: 'Newcomer' });
  });

  it('sets Cache-Control from the hints: public, private for user data, no-store for mutations', async () => {
    expect((await gql('{ topProducts(first: 1) { name inStock } }')).headers.get('cache-control')).toBe('max-age=30, public');
    const owner = bearer(await stack.issuer.token({ user: '1' }));
    expect((await gql('{ users(first: 1) { name email } }', undefined, owner)).headers.get('cache-control')).toBe('max-age=60, private');
    expect((await gql('{ me { name } }', undefined, owner)).headers.get('cache-control')).toBe('no-store');
    expect((await gql('mutation { restock(upc: "100000000009", amount: 1) { quantity } }', undefined, admin)).headers.get('cache-control')).toBe('no-store');
  });

  it('serves automatic persisted queries over GET, stored in Redis for every replica', async () => {
    const query = '{ topProducts(first: 2) { upc name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }));
    const get = () => fetch(`${url}?extensions=${extensions}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await (await get()).json()).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    await gql(query, undefined, {});
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    const hit = await get();
    expect(hit.headers.get('cache-control')).toBe('max-age=60, public');
    expect(((await hit.json()) as { data: { topProducts: unknown[] } }).data.topProducts).toHaveLength(2);
    const client = new Redis(redis.url);
    expect(await client.keys(`${prefix}:gateway:apq:*`)).toHaveLength(1);
    client.disconnect();
  });

  it('exposes Prometheus metrics: subgraph fetches, store round trips, cache lookups', async () => {
    await gql(PAGE);
    const metrics = async (url: string) => (await fetch(url.replace('/graphql', '/metrics'))).text();
    const gateway = await metrics(url);
    expect(gateway).toMatch(/tributary_subgraph_fetches_total\{subgraph="reviews",service="gateway"\} [1-9]/);
    expect(gateway).toMatch(/tributary_http_requests_total\{route="\/graphql",status="200",service="gateway"\} [1-9]/);
    expect(gateway).toContain('tributary_http_request_duration_seconds_bucket{le="0.1",service="gateway",route="/graphql"}');
    const products = await metrics(stack.subgraphUrls.products);
    expect(products).toMatch(/tributary_store_round_trips_total\{store="dynamodb",operation="BatchGetItem",service="products"\} [1-9]/);
    expect(products).toMatch(/tributary_cache_lookups_total\{type="Product",result="hit",service="products"\} [1-9]/);
    const reviews = await metrics(stack.subgraphUrls.reviews);
    expect(reviews).toMatch(/tributary_store_round_trips_total\{store="postgres",operation="select",service="reviews"\} [1-9]/);
  });

  it('keeps answering when Redis stops, and caches again once it is back', async () => {
    await gql(PAGE);
    await redis.stop();
    for (let i = 0; i < 3; i += 1) {
      const during = await gql(PAGE);
      expect(during.body.errors).toBeUndefined();
      expect(during.body.data.topProducts).toHaveLength(5);
      expect(during.body.extensions?.chattiness.cacheBypasses).toBeGreaterThan(0);
      expect(during.body.extensions?.chattiness.storeRoundTrips).toBeGreaterThan(0);
    }
    await redis.start();
    await expect
      .poll(async () => (await gql(PAGE)).body.extensions?.chattiness.storeRoundTrips, { timeout: 15_000, interval: 250 })
      .toBe(0);
  });
});
