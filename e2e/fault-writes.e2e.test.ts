import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_SETTINGS, startFaultStack, type FaultStack } from './support/fault-stack.ts';
import { addReviewWithRetries, type Write } from './support/retrying-writes.ts';
import { post } from '../test-support/http.ts';

// Writes during faults: while PostgreSQL, DynamoDB or Redis is cut, or the subgraph that owns the
// writes is killed, clients send addReview with an idempotency key and retry as a client would.
// After recovery every write is acknowledged, and exactly the acknowledged ones are stored, each
// once: no write lost, none doubled by a retry whose first attempt did go through.

const CLIENTS = 4;
const WRITES_PER_CLIENT = 3;
const N = CLIENTS * WRITES_PER_CLIENT;
const FAULT_MS = 2_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: FaultStack;
let db: pg.Client;
let tokens: string[];
let upc: string;
const acknowledgedDuringFault: Record<string, number> = {};

beforeAll(async () => {
  stack = await startFaultStack(FAULT_SETTINGS);
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  tokens = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => stack.issuer.token({ user: String(i + 1) })));
  upc = (await post(stack.gatewayUrl, '{ topProducts(first: 1) { upc } }')).body.data.topProducts[0].upc;
});

afterAll(async () => {
  console.log(`writes acknowledged while the fault lasted, of ${N}: ${JSON.stringify(acknowledgedDuringFault)}`);
  await db?.end();
  await stack?.[Symbol.asyncDispose]();
});

/** Each client sends its writes one after another, each retried until acknowledged. */
const sendWrites = (fault: string) =>
  Promise.all(
    tokens.map(async (token, client) => {
      const writes: Write[] = [];
      for (let i = 0; i < WRITES_PER_CLIENT; i += 1) writes.push(await addReviewWithRetries(stack.gatewayUrl, token, `${fault}-c${client}-w${i}`, upc));
      return writes;
    }),
  ).then((perClient) => perClient.flat());

/** Runs writes through `inject` … `recover`, then checks what was acknowledged against what is stored. */
async function writesThrough(fault: string, inject: () => Promise<void>, recover: () => Promise<void>) {
  await inject();
  const writing = sendWrites(fault);
  await sleep(FAULT_MS);
  const faultEnded = performance.now();
  await recover();
  const writes = await writing;
  acknowledgedDuringFault[fault] = writes.filter((w) => w.ackedAt !== undefined && w.ackedAt < faultEnded).length;

  expect(writes.filter((w) => w.refused).map((w) => w.refused)).toEqual([]);
  const acknowledged = writes.filter((w) => w.id !== undefined);
  expect(acknowledged).toHaveLength(N);
  const { rows } = await db.query<{ key: string; ids: string[] }>(
    `SELECT idempotency_key AS key, array_agg(id::text ORDER BY id) AS ids FROM reviews.reviews
      WHERE idempotency_key LIKE $1 GROUP BY idempotency_key ORDER BY idempotency_key`,
    [`${fault}-%`],
  );
  // Exactly the acknowledged writes, each once, with the id its acknowledgement gave.
  expect(rows).toEqual(acknowledged.map((w) => ({ key: w.key, ids: [w.id] })).sort((a, b) => a.key.localeCompare(b.key)));
  return writes;
}

describe('writes during faults, retried with an idempotency key', () => {
  it(`PostgreSQL cut: ${N} writes, all acknowledged once it is back, each stored once`, async () => {
    const writes = await writesThrough('postgres', () => stack.postgres.cut(), () => stack.postgres.restore());
    // They did meet the fault: a write needs PostgreSQL (accounts' check and reviews' insert).
    expect(writes.some((w) => w.attempts > 1)).toBe(true);
  }, 90_000);

  it(`DynamoDB cut: ${N} writes, all acknowledged once it is back, each stored once`, async () => {
    // addReview checks the product exists, in the catalog on DynamoDB: empty the caches, or
    // products answers the check from its entity cache.
    const redis = new Redis(stack.redis.url);
    await redis.flushall();
    redis.disconnect();
    const writes = await writesThrough('dynamodb', () => stack.dynamodb.cut(), () => stack.dynamodb.restore());
    expect(writes.some((w) => w.attempts > 1)).toBe(true);
  }, 90_000);

  it(`Redis stopped: ${N} writes, acknowledged while it is down, each stored once`, async () => {
    await writesThrough('redis', () => stack.redis.stop(), () => stack.redis.start());
    expect(acknowledgedDuringFault.redis).toBe(N);
  }, 90_000);

  it(`the reviews subgraph killed mid-write: ${N} writes, all acknowledged once it is back, each stored once`, async () => {
    const writes = await writesThrough(
      'reviews-killed',
      // Killed while the first writes are in flight: some may commit without their answer getting out.
      async () => void setTimeout(() => void stack.kill('reviews'), 100),
      () => stack.restart('reviews'),
    );
    expect(writes.some((w) => w.attempts > 1)).toBe(true);
  }, 90_000);
});
