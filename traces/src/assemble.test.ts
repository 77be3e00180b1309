import { describe, expect, it } from 'vitest';
import { assembleDocuments, newId, newTraceId, sampleTrace } from '../test-support/sample-trace.ts';
import { spansInOrder, type AssembledTrace } from './assemble.ts';

/** The tree as indented names, for readable expectations. */
const outline = (trace: AssembledTrace) => [...spansInOrder(trace)].map((node) => `${'  '.repeat(node.depth)}${node.name}`);

const federatedOutline = [
  'gateway',
  '  plan',
  '  products',
  '    products',
  '      redis',
  '      dynamodb',
  '  inventory',
  '    inventory',
  '      redis',
  '      dynamodb',
  '  reviews',
  '    reviews',
  '      redis',
  '      postgres',
  '  accounts',
  '    accounts',
  '      redis',
  '      postgres',
];

describe('assembleTrace', () => {
  it('nests each subgraph segment under the gateway fetch subsegment that called it', () => {
    const sample = sampleTrace();
    const [trace] = assembleDocuments(sample.documents);
    expect(outline(trace!)).toEqual(federatedOutline);
    const fetch = trace!.roots[0]!.children.find((node) => node.id === sample.ids.fetch.reviews)!;
    expect(fetch.children.map((node) => [node.id, node.kind])).toEqual([[sample.ids.subgraph.reviews, 'segment']]);
  });

  it('builds the same tree whatever order the documents arrive in', () => {
    const sample = sampleTrace();
    for (const order of [[...sample.documents].reverse(), [sample.documents[2]!, sample.documents[5]!, ...sample.documents]]) {
      expect(outline(assembleDocuments(order)[0]!)).toEqual(federatedOutline);
    }
  });

  it('summarizes the trace from its root segment', () => {
    const sample = sampleTrace({ startSeconds: 1_700_000_000, fault: true });
    const [trace] = assembleDocuments(sample.documents);
    expect(trace!.summary).toEqual({
      traceId: sample.traceId,
      rootName: 'gateway',
      operation: 'TopProducts',
      startMs: 1_700_000_000_000,
      durationMs: expect.closeTo(42, 3),
      spanCount: 18,
      droppedSpans: 0,
      error: false,
      fault: true,
      inProgress: false,
    });
  });

  it('shows spans whose parent has not arrived as roots, and places them once it does', () => {
    const sample = sampleTrace();
    const withoutGateway = sample.documents.slice(0, -1);
    const partial = assembleDocuments(withoutGateway)[0]!;
    expect(partial.roots.map((node) => node.name)).toEqual(['products', 'inventory', 'reviews', 'accounts']);
    expect(partial.summary.rootName).toBe('products');
    expect(outline(assembleDocuments([...withoutGateway, sample.documents.at(-1)!])[0]!)).toEqual(federatedOutline);
  });

  it('shows an in-progress segment until its completed version replaces it', () => {
    const traceId = newTraceId();
    const id = newId();
    const started = { trace_id: traceId, id, name: 'reviews', start_time: 1_700_000_000, in_progress: true };
    const child = { trace_id: traceId, id: newId(), type: 'subsegment', parent_id: id, name: 'postgres', start_time: 1_700_000_000.002, end_time: 1_700_000_000.004 };
    const running = assembleDocuments([started, child])[0]!;
    expect(running.summary.inProgress).toBe(true);
    expect(running.roots[0]).toMatchObject({ name: 'reviews', inProgress: true });
    expect(running.roots[0]!.endMs).toBeUndefined();
    expect(running.summary.durationMs).toBeCloseTo(4, 3);

    const done = assembleDocuments([started, child, { ...started, in_progress: undefined, end_time: 1_700_000_000.01 }, started])[0]!;
    expect(done.summary.inProgress).toBe(false);
    expect(outline(done)).toEqual(['reviews', '  postgres']);
  });

  it('shows every span exactly once even when parent IDs form a cycle', () => {
    const traceId = newTraceId();
    const [a, b, c] = [newId(), newId(), newId()];
    const span = (id: string, parent: string, start: number) => ({ trace_id: traceId, id, parent_id: parent, name: id, start_time: 1_700_000_000 + start, end_time: 1_700_000_001 });
    const trace = assembleDocuments([span(a, b, 0), span(b, a, 0.1), span(c, c, 0.2)])[0]!;
    expect([...spansInOrder(trace)].map((node) => node.id).sort()).toEqual([a, b, c].sort());
    expect(trace.roots.map((node) => node.id)).toContain(c);
  });
});
