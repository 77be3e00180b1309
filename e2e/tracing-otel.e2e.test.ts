import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startTraceCollector, type AssembledTrace, type TraceCollector } from '@tributary/traces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkQueryPath, testRedisUrl } from '../test-support/config.ts';
import { bearer, post } from '../test-support/http.ts';
import { uniquePrefix } from '../test-support/redis.ts';
import { startTestStack } from './support/stack.ts';
import { all, expectWellFormed, SUBGRAPHS } from '../test-support/trace-tree.ts';

// The same stack as tracing.e2e.test.ts, traced through OpenTelemetry: spans by OTLP/HTTP to the
// local viewer, read back from its JSON API as a user of the viewer would.
let collector: TraceCollector;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  collector = await startTraceCollector({ udpAddress: '127.0.0.1:0', httpPort: 0, otlpPort: 0, settleMs: 300 });
  stack = await startTestStack({
    TRACING_BACKEND: 'otel',
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpUrl,
    XRAY_SAMPLING_RATE: '1',
    REDIS_URL: testRedisUrl,
    CACHE_KEY_PREFIX: uniquePrefix(),
  });
});
afterAll(async () => {
  await stack?.[Symbol.asyncDispose]();
  await collector?.stop();
});

const XRAY_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const PAGE = `query Page {
  topProducts(first: 3) { name inStock shippingEstimate reviews(first: 2) { body author { name } } }
}`;
const rootOf = (response: { headers: Headers }) => /^Root=(.+)$/.exec(response.headers.get('x-amzn-trace-id') ?? '')?.[1] ?? '';

/**
 * The trace from the viewer's JSON API once it holds `segments` segments under one root: each
 * service exports its own batches, so a subgraph's spans may come before the gateway's.
 */
async function viewerTrace(root: string, segments: number): Promise<AssembledTrace> {
  let trace: AssembledTrace | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${collector.httpUrl}/api/traces/${root}`);
        trace = response.ok ? ((await response.json()) as AssembledTrace) : undefined;
        const count = trace ? all(trace.roots).filter((span) => span.kind === 'segment').length : 0;
        return trace?.roots.length === 1 && count >= segments;
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true);
  return trace!;
}

/** As with the X-Ray backend, and what OpenTelemetry adds: the gateway's HTTP data, remote fetches. */
function expectWhole(trace: AssembledTrace, operation: string, clientParent?: string): void {
  expectWellFormed(trace, clientParent, operation);
  const gateway = trace.roots[0]!;
  expect(gateway.http).toMatchObject({ method: 'POST', status: 200 });
  for (const name of SUBGRAPHS) {
    expect(gateway.children.find((child) => child.name === name)).toMatchObject({ namespace: 'remote', annotations: { subgraph: name } });
  }
}

describe('one trace through the OpenTelemetry backend, in the local viewer', () => {
  it('continues the ALB\'s Root through the gateway, every subgraph and every store call, with X-Ray\'s id format', async () => {
    const root = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
    const response = await post(stack.gatewayUrl, PAGE, undefined, { 'x-amzn-trace-id': `Root=${root}` });
    expect(response.body.errors).toBeUndefined();
    expect(rootOf(response)).toBe(root);
    const trace = await viewerTrace(root, 1 + SUBGRAPHS.length);
    expect(trace.summary).toMatchObject({ traceId: root, rootName: 'gateway', operation: 'Page', error: false, fault: false });
    expectWhole(trace, 'Page');
    const stores = all(trace.roots).filter((span) => ['postgres', 'DynamoDB', 'redis'].includes(span.name));
    expect(new Set(stores.map((span) => span.name))).toEqual(new Set(['postgres', 'DynamoDB', 'redis']));
    expect(stores.find((span) => span.name === 'postgres')).toMatchObject({ namespace: 'remote', sql: { query: expect.stringMatching(/SELECT/) } });
    expect(stores.find((span) => span.name === 'DynamoDB')).toMatchObject({ namespace: 'aws', aws: { operation: expect.stringMatching(/BatchGetItem|Query/) } });
    const lookups = stores.filter((span) => span.annotations.redis_command === 'MGET');
    expect(lookups.length).toBeGreaterThan(0);
    for (const lookup of lookups) expect(lookup.annotations).toMatchObject({ cache_hits: expect.any(Number), cache_misses: expect.any(Number) });
  });

  it('starts an X-Ray-format trace for the federation benchmark query sent with no trace header', async () => {
    const query = await readFile(benchmarkQueryPath, 'utf8');
    const started = Math.floor(Date.now() / 1000);
    const response = await post(stack.gatewayUrl, query);
    expect(response.body.errors).toBeUndefined();
    const root = rootOf(response);
    expect(root).toMatch(XRAY_ID);
    expect(Math.abs(Number.parseInt(root.slice(2, 10), 16) - started)).toBeLessThan(60);
    const trace = await viewerTrace(root, 1 + SUBGRAPHS.length);
    expect(trace.roots).toHaveLength(1);
    expect(all(trace.roots).filter((span) => span.kind === 'segment').map((span) => span.name).sort()).toEqual(
      expect.arrayContaining(['gateway', ...SUBGRAPHS]),
    );
  });

  it('continues a W3C traceparent under the caller\'s span', async () => {
    const hex = randomBytes(16).toString('hex');
    const caller = randomBytes(8).toString('hex');
    const response = await post(stack.gatewayUrl, PAGE, undefined, { traceparent: `00-${hex}-${caller}-01` });
    const root = `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
    expect(rootOf(response)).toBe(root);
    const trace = await viewerTrace(root, 1 + SUBGRAPHS.length);
    expectWhole(trace, 'Page', caller);
  });

  it('follows a write from subgraph to subgraph: reviews checks the author and the product under its own segment', async () => {
    const token = await stack.issuer.token({ user: '1' });
    const response = await post(
      stack.gatewayUrl,
      'mutation Review { addReview(input: { productUpc: "100000000011", body: "Traced end to end", rating: 5 }) { id } }',
      undefined,
      bearer(token),
    );
    expect(response.body.errors).toBeUndefined();
    const trace = await viewerTrace(rootOf(response), 4);
    const reviews = all(trace.roots).find((span) => span.kind === 'segment' && span.name === 'reviews')!;
    for (const [check, owner] of [['User check', 'accounts'], ['Product check', 'products']]) {
      const call = reviews.children.find((child) => child.name === check);
      expect(call, check).toMatchObject({ namespace: 'remote', http: { status: 200 } });
      expect(call!.children).toEqual([expect.objectContaining({ kind: 'segment', name: owner, parentId: call!.id })]);
    }
  });

  it('flags a client\'s mistake as an error where it happens, and puts the trace id on the GraphQL error', async () => {
    const response = await post(stack.gatewayUrl, 'query Bad { users(first: 1000) { id } }');
    const root = rootOf(response);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', traceId: root });
    const trace = await viewerTrace(root, 2);
    expect(all(trace.roots).find((span) => span.kind === 'segment' && span.name === 'accounts')).toMatchObject({ error: true, fault: false });
  });
});
