import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startTraceCollector, type AssembledTrace, type TraceCollector } from '@tributary/traces';
import { screenshotTrace } from '@tributary/traces/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkQueryPath, testRedisUrl } from '../test-support/config.ts';
import { uniquePrefix } from '../test-support/redis.ts';
import { startTestStack } from './support/stack.ts';
import { post } from '../test-support/http.ts';
import { all, expectWellFormed, SUBGRAPHS } from '../test-support/trace-tree.ts';

let collector: TraceCollector;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  collector = await startTraceCollector({ udpAddress: '127.0.0.1:0', httpPort: 0, otlpPort: 0, settleMs: 300 });
  stack = await startTestStack({
    AWS_XRAY_DAEMON_ADDRESS: collector.udpAddress,
    XRAY_SAMPLING_RATE: '1',
    REDIS_URL: testRedisUrl,
    CACHE_KEY_PREFIX: uniquePrefix(),
  });
});
afterAll(async () => {
  await stack?.[Symbol.asyncDispose]();
  await collector?.stop();
});

const newRoot = () => `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
const spanId = () => randomBytes(8).toString('hex');

const PAGE = `query Page {
  topProducts(first: 3) { name inStock shippingEstimate reviews(first: 2) { body author { name } } }
}`;
/** Waits until the trace holds the gateway and `subgraphs` segments, all closed. */
async function traceOf(root: string, subgraphs = SUBGRAPHS.length): Promise<AssembledTrace> {
  let trace: AssembledTrace | undefined;
  await expect
    .poll(
      () => {
        trace = collector.trace(root);
        const spans = trace ? all(trace.roots) : [];
        return spans.filter((s) => s.kind === 'segment' && !s.inProgress).length;
      },
      { timeout: 15_000, interval: 100 },
    )
    .toBeGreaterThanOrEqual(subgraphs + 1);
  return trace!;
}

describe('one trace id end to end', () => {
  it('continues the client\'s X-Amzn-Trace-Id through the gateway, every subgraph and every store call', async () => {
    const root = newRoot();
    const parent = spanId();
    const response = await post(stack.gatewayUrl, PAGE, undefined, { 'x-amzn-trace-id': `Root=${root};Parent=${parent};Sampled=1` });
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get('x-amzn-trace-id')).toBe(`Root=${root}`);
    const trace = await traceOf(root);
    expectWellFormed(trace, parent, 'Page');
    const storeSpans = all(trace.roots).filter((s) => ['postgres', 'DynamoDB', 'redis'].includes(s.name));
    expect(new Set(storeSpans.map((s) => s.name))).toEqual(new Set(['postgres', 'DynamoDB', 'redis']));
    expect(storeSpans.find((s) => s.name === 'postgres')?.sql?.query).toMatch(/SELECT/);
    expect(storeSpans.find((s) => s.name === 'DynamoDB')?.aws?.operation).toMatch(/BatchGetItem|Query/);
  });

  it('keeps 50 concurrent requests apart: no segment lands in another request\'s trace', async () => {
    const requests = Array.from({ length: 50 }, (_, i) => ({ root: newRoot(), operation: `Page${i}` }));
    const responses = await Promise.all(
      requests.map(({ root, operation }) =>
        post(stack.gatewayUrl, PAGE.replace('query Page', `query ${operation}`), undefined, { 'x-amzn-trace-id': `Root=${root};Sampled=1` }),
      ),
    );
    responses.forEach((r, i) => expect(r.headers.get('x-amzn-trace-id')).toBe(`Root=${requests[i]!.root}`));
    for (const { root, operation } of requests) {
      const trace = await traceOf(root);
      expectWellFormed(trace, undefined, operation);
      expect(all(trace.roots).filter((s) => s.kind === 'segment')).toHaveLength(1 + SUBGRAPHS.length);
    }
  });

  it('maps a W3C traceparent onto the same X-Ray trace', async () => {
    const hex = randomBytes(16).toString('hex');
    const response = await post(stack.gatewayUrl, PAGE, undefined, { traceparent: `00-${hex}-${spanId()}-01` });
    const root = `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
    expect(response.headers.get('x-amzn-trace-id')).toBe(`Root=${root}`);
    expectWellFormed(await traceOf(root), undefined, 'Page');
  });

  it('replaces a malformed trace header instead of echoing it', async () => {
    const response = await post(stack.gatewayUrl, '{ topProducts(first: 1) { name } }', undefined, { 'x-amzn-trace-id': 'Root=<script>;Sampled=1' });
    const header = response.headers.get('x-amzn-trace-id')!;
    expect(header).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(header).not.toContain('script');
  });

  it('puts the trace id on every GraphQL error, and flags the error on the segment', async () => {
    const root = newRoot();
    const response = await post(stack.gatewayUrl, 'query Bad { users(first: 1000) { id } }', undefined, { 'x-amzn-trace-id': `Root=${root};Sampled=1` });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', traceId: root });
    const trace = await traceOf(root, 1);
    const accounts = all(trace.roots).find((s) => s.kind === 'segment' && s.name === 'accounts');
    expect(accounts?.error).toBe(true);
  });

  it('shows the federation benchmark query as a waterfall in the viewer (screenshot for the README)', async () => {
    const root = newRoot();
    const query = await readFile(benchmarkQueryPath, 'utf8');
    const response = await post(stack.gatewayUrl, query, undefined, { 'x-amzn-trace-id': `Root=${root};Sampled=1` });
    expect(response.body.errors).toBeUndefined();
    await traceOf(root);
    await screenshotTrace(collector.httpUrl, root, new URL('../docs/trace-waterfall.png', import.meta.url).pathname);
  });
});
