import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_SETTINGS, startFaultStack, type FaultStack } from './support/fault-stack.ts';
import { startLoad, timeToRecover, type Outcome } from './support/load.ts';
import { post, type GraphQLResponse } from '../test-support/http.ts';

// The fault-injection suite: each fault is injected into the running graph, what clients see
// during it is checked, and the recovery time after it ends is measured (the README's fault
// table). The faults run one after another on one stack, each ending healthy.

const STOREFRONT = '{ topProducts(first: 5) { upc name price inStock shippingEstimate reviews(first: 2) { body author { name } } } }';
const ACCOUNTS_ONLY = '{ users(first: 3) { id name } }';

type Body = GraphQLResponse['body'];
const complete = (body: Body) => !body.errors && Array.isArray(body.data?.topProducts) && body.data.topProducts.length === 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ready = async (url: string) => (await fetch(new URL('/ready', url))).status;
const slowest = (outcomes: Outcome[]) => Math.max(...outcomes.map((o) => o.ms));

let stack: FaultStack;
const recoveries: Record<string, number> = {};

beforeAll(async () => {
  stack = await startFaultStack(FAULT_SETTINGS);
  expect(complete((await post(stack.gatewayUrl, STOREFRONT)).body)).toBe(true);
});

afterAll(async () => {
  console.log(`recovery after each fault ended (ms): ${JSON.stringify(recoveries)}`);
  await stack?.[Symbol.asyncDispose]();
});

/** Empties the stack's Redis, so reads reach the stores instead of cached entities. */
async function flushCaches() {
  const redis = new Redis(stack.redis.url);
  await redis.flushall();
  redis.disconnect();
}

describe('fault injection', () => {
  it('a subgraph killed under load: the others keep answering, only its fields fail, with their paths; back once restarted', async () => {
    const load = startLoad(stack.gatewayUrl, STOREFRONT);
    await sleep(500);
    await stack.kill('inventory');
    const killedAt = load.outcomes.length;
    await sleep(2_000);
    expect((await post(stack.gatewayUrl, ACCOUNTS_ONLY)).body).toMatchObject({ data: { users: [{}, {}, {}] } });
    const during = (await load.stop()).slice(killedAt + 4);
    expect(during.length).toBeGreaterThan(5);
    for (const { status, body } of during) {
      expect(status).toBe(200);
      for (const product of body.data.topProducts) {
        expect(product).toMatchObject({ name: expect.any(String), inStock: null, shippingEstimate: null, reviews: expect.any(Array) });
      }
      for (const error of body.errors ?? []) {
        expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'inventory' });
        expect(error.path).toEqual(['topProducts', expect.any(Number), expect.stringMatching(/^(inStock|shippingEstimate)$/)]);
      }
      expect(body.errors?.length).toBeGreaterThan(0);
    }
    // Refused connections fail at once, then the open circuit answers without trying.
    expect(slowest(during)).toBeLessThan(1_000);

    await stack.restart('inventory');
    recoveries['subgraph killed'] = await timeToRecover(stack.gatewayUrl, STOREFRONT, complete);
    expect(recoveries['subgraph killed']).toBeLessThan(5_000);
  }, 60_000);

  it('a slow subgraph: its fetches time out, its circuit opens and answers at once, and a half-open probe closes it', async () => {
    stack.reviews.delay(2_500);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 6; i += 1) {
      const started = performance.now();
      const { status, body } = await post(stack.gatewayUrl, STOREFRONT);
      outcomes.push({ status, body, ms: performance.now() - started });
    }
    const reasons = outcomes.map(({ body }) => body.errors?.[0]?.extensions?.reason);
    expect(reasons.slice(0, 3)).toEqual(['timed out', 'timed out', 'timed out']);
    expect(reasons.slice(3)).toEqual(['circuit open', 'circuit open', 'circuit open']);
    for (const { body } of outcomes) {
      expect(body.data.topProducts.map((p: { name: string; reviews: unknown }) => [typeof p.name, p.reviews])).toEqual(Array(5).fill(['string', null]));
      for (const error of body.errors!) expect(error.path).toEqual(['topProducts', expect.any(Number), 'reviews']);
    }
    // Each timed-out request waited the 1 s timeout, not the 2.5 s the subgraph took; open, none waited.
    for (const { ms } of outcomes.slice(0, 3)) expect(ms).toBeLessThan(2_000);
    for (const { ms } of outcomes.slice(3)) expect(ms).toBeLessThan(500);

    stack.reviews.delay(0);
    recoveries['slow subgraph'] = await timeToRecover(stack.gatewayUrl, STOREFRONT, complete);
    expect(recoveries['slow subgraph']).toBeLessThan(5_000);
  }, 60_000);

  it('PostgreSQL restarted: no request hangs, reviews fail with their paths as STORE_UNAVAILABLE, the services are not ready; the pools recover', async () => {
    await flushCaches();
    await stack.postgres.cut();
    const load = startLoad(stack.gatewayUrl, STOREFRONT, 2);
    await sleep(2_500);
    expect(await ready(stack.subgraphUrls.reviews)).toBe(503);
    expect(await ready(stack.subgraphUrls.accounts)).toBe(503);
    expect(await ready(stack.subgraphUrls.products)).toBe(200);
    const during = await load.stop();
    expect(slowest(during)).toBeLessThan(3_000);
    for (const { status, body } of during) {
      expect(status).toBe(200);
      expect(body.data.topProducts.map((p: { name: string; inStock: boolean }) => typeof p.name)).toEqual(Array(5).fill('string'));
      expect(body.data.topProducts.every((p: { reviews: unknown }) => p.reviews === null)).toBe(true);
      for (const error of body.errors!) {
        expect(error.path).toEqual(['topProducts', expect.any(Number), 'reviews']);
        expect(error.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true, store: 'postgres', serviceName: 'reviews' });
      }
    }

    await stack.postgres.restore();
    recoveries['PostgreSQL restarted'] = await timeToRecover(stack.gatewayUrl, STOREFRONT, complete);
    expect(recoveries['PostgreSQL restarted']).toBeLessThan(5_000);
    expect(await ready(stack.subgraphUrls.reviews)).toBe(200);
  }, 60_000);

  it('DynamoDB endpoint down: the catalog fails fast with STORE_UNAVAILABLE, other subgraphs still answer, and it recovers when the endpoint is back', async () => {
    await flushCaches();
    await stack.dynamodb.cut();
    const started = performance.now();
    const { status, body } = await post(stack.gatewayUrl, STOREFRONT);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(status).toBe(200);
    // The catalog is the page's root: without it there is no page, but a clear error.
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      path: ['topProducts'],
      message: 'DynamoDB is unavailable to products; retry later',
      extensions: { code: 'STORE_UNAVAILABLE', retryable: true, store: 'dynamodb', serviceName: 'products' },
    });
    expect((await post(stack.gatewayUrl, ACCOUNTS_ONLY)).body.errors).toBeUndefined();
    expect(await ready(stack.subgraphUrls.products)).toBe(503);
    expect(await ready(stack.subgraphUrls.inventory)).toBe(503);

    await stack.dynamodb.restore();
    recoveries['DynamoDB down'] = await timeToRecover(stack.gatewayUrl, STOREFRONT, complete);
    expect(recoveries['DynamoDB down']).toBeLessThan(5_000);
  }, 60_000);

  it('Redis stopped: every request still succeeds from the stores, readiness holds; the caches are used again once it is back', async () => {
    await stack.redis.stop();
    const load = startLoad(stack.gatewayUrl, STOREFRONT, 2);
    await sleep(2_000);
    expect(await ready(stack.subgraphUrls.reviews)).toBe(200);
    expect(await ready(stack.gatewayUrl)).toBe(200);
    const during = await load.stop();
    for (const { status, body } of during) {
      expect(status).toBe(200);
      expect(complete(body)).toBe(true);
    }
    // Answers that joined an identical query in flight cost nothing behind the gateway (all zeros):
    // the executions themselves went around the cache.
    expect(during.some(({ body }) => (body.extensions?.chattiness?.cacheBypasses ?? 0) > 0)).toBe(true);

    await stack.redis.start();
    // Recovered: the services reconnected and read through the cache again (no bypass).
    recoveries['Redis stopped'] = await timeToRecover(
      stack.gatewayUrl,
      STOREFRONT,
      (answer) => complete(answer) && answer.extensions?.chattiness?.cacheBypasses === 0,
    );
    expect(recoveries['Redis stopped']).toBeLessThan(5_000);
  }, 60_000);
});
