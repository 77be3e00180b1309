import { randomBytes } from 'node:crypto';
import { startTraceCollector, type TraceCollector } from '@tributary/traces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, post } from '../test-support/http.ts';
import { readStreamEvents } from '../test-support/kinesis.ts';
import { all } from '../test-support/trace-tree.ts';
import { startTestStack } from './support/stack.ts';

let collector: TraceCollector;
let stack: Awaited<ReturnType<typeof startTestStack>>;
let admin: Record<string, string>;
let reviewer: Record<string, string>;

beforeAll(async () => {
  collector = await startTraceCollector({ udpAddress: '127.0.0.1:0', httpPort: 0, otlpPort: 0, settleMs: 300 });
  stack = await startTestStack({ AWS_XRAY_DAEMON_ADDRESS: collector.udpAddress, XRAY_SAMPLING_RATE: '1' });
  admin = bearer(await stack.issuer.token({ user: '3', scopes: ['admin'] }));
  reviewer = bearer(await stack.issuer.token({ user: '1' }));
});
afterAll(async () => {
  await stack?.[Symbol.asyncDispose]();
  await collector?.stop();
});

const newRoot = () => `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;

const TRAIL = `query($f: AuditFilter) { auditTrail(filter: $f, first: 20) {
  position service entityType entityId type traceId before after actor { id name } actorAdmin hash previousHash } }`;

interface Entry {
  service: string;
  entityType: string;
  entityId: string;
  type: string;
  traceId: string | null;
  before: string | null;
  after: string | null;
  actor: { id: string; name: string } | null;
  actorAdmin: boolean;
  hash: string;
  previousHash: string;
}

/** Waits until the audit trail holds an entry for the entity made in trace `root`. */
async function auditEntryOf(filter: Record<string, string>, root: string): Promise<Entry> {
  let entry: Entry | undefined;
  await expect
    .poll(
      async () => {
        const { body } = await post(stack.gatewayUrl, TRAIL, { f: filter }, admin);
        entry = (body.data?.auditTrail as Entry[] | undefined)?.find((e) => e.traceId === root);
        return entry !== undefined;
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true);
  return entry!;
}

describe('events and the audit trail, through the gateway', () => {
  it('a stock set publishes StockSet to the stream and makes an audit entry with the request\'s trace id, in one trace', async () => {
    const root = newRoot();
    const set = await post(stack.gatewayUrl, 'mutation { setStock(upc: "100000000003", quantity: 42) { quantity } }', undefined, {
      ...admin,
      'x-amzn-trace-id': `Root=${root};Sampled=1`,
    });
    expect(set.body.errors).toBeUndefined();

    const published = (await readStreamEvents(stack.events.kinesisEndpoint, stack.events.streamName)).filter((e) => e.traceId === root);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ service: 'inventory', entityType: 'Stock', entityId: '100000000003', type: 'StockSet', actor: { userId: '3', admin: true } });
    expect(published[0]!.data.after).toEqual({ quantity: 42 });

    const entry = await auditEntryOf({ entityType: 'Stock', entityId: '100000000003' }, root);
    expect(entry).toMatchObject({ service: 'inventory', type: 'StockSet', actorAdmin: true, actor: { id: '3' } });
    expect(JSON.parse(entry.after!)).toEqual({ quantity: 42 });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);

    // The trace: the publish under inventory's segment, and the audit service's handling of the event.
    await expect
      .poll(() => all(collector.trace(root)?.roots ?? []).filter((s) => s.kind === 'segment' && !s.inProgress).map((s) => s.name).sort(), { timeout: 15_000, interval: 200 })
      .toEqual(expect.arrayContaining(['audit', 'gateway', 'inventory']));
    const spans = all(collector.trace(root)!.roots);
    const inventory = spans.find((s) => s.kind === 'segment' && s.name === 'inventory')!;
    expect(all(inventory.children).map((s) => s.name)).toContain('Kinesis');
    const audit = spans.find((s) => s.kind === 'segment' && s.name === 'audit')!;
    expect(audit.annotations).toMatchObject({ event_type: 'StockSet' });
  });

  it('a review added makes a ReviewAdded entry by its author, and the admin-only trail refuses anyone else', async () => {
    const root = newRoot();
    const added = await post(
      stack.gatewayUrl,
      'mutation { addReview(input: { productUpc: "100000000002", body: "Audited", rating: 4 }) { id } }',
      undefined,
      { ...reviewer, 'x-amzn-trace-id': `Root=${root};Sampled=1` },
    );
    expect(added.body.errors).toBeUndefined();
    const id = added.body.data.addReview.id as string;
    const entry = await auditEntryOf({ entityType: 'Review', entityId: id }, root);
    expect(entry).toMatchObject({ service: 'reviews', type: 'ReviewAdded', before: null, actorAdmin: false, actor: { id: '1' } });
    expect(JSON.parse(entry.after!)).toMatchObject({ id, body: 'Audited', rating: 4, productUpc: '100000000002', authorId: '1' });

    const denied = await post(stack.gatewayUrl, TRAIL, {}, reviewer);
    expect(denied.body.errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toContain('FORBIDDEN');
    const bad = await post(stack.gatewayUrl, TRAIL, { f: { entityId: id } }, admin);
    expect(bad.body.errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
