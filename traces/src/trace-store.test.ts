import { describe, expect, it } from 'vitest';
import { newId, newTraceId } from '../test-support/sample-trace.ts';
import type { SegmentDocument } from './segment-document.ts';
import { TraceStore } from './trace-store.ts';

const doc = (traceId: string, fields: Partial<SegmentDocument> = {}): SegmentDocument => ({
  trace_id: traceId,
  id: newId(),
  name: 'svc',
  start_time: 1_700_000_000,
  end_time: 1_700_000_000.01,
  ...fields,
});

describe('TraceStore', () => {
  it('keeps the latest traces, dropping the one first seen longest ago', () => {
    const store = new TraceStore({ maxTraces: 2, maxSpansPerTrace: 10 });
    const [a, b, c] = [newTraceId(), newTraceId(), newTraceId()];
    store.add(doc(a));
    store.add(doc(b));
    store.add(doc(a));
    expect(store.add(doc(c)).dropped).toEqual([a]);
    expect(store.list().map((trace) => trace.traceId)).toEqual([c, b]);
    expect(store.get(a)).toBeUndefined();
  });

  it('keeps at most maxSpansPerTrace spans and counts the rest, yet still updates known spans', () => {
    const store = new TraceStore({ maxTraces: 5, maxSpansPerTrace: 3 });
    const traceId = newTraceId();
    const first = doc(traceId, { in_progress: true, end_time: undefined });
    store.add(first);
    store.add(doc(traceId, { subsegments: [doc(traceId), doc(traceId)] }));
    store.add(doc(traceId));
    store.add({ ...first, in_progress: undefined, end_time: 1_700_000_000.5 });
    const trace = store.get(traceId)!;
    expect(trace.spans.size).toBe(3);
    expect(trace.droppedSpans).toBe(2);
    expect(trace.spans.get(first.id)?.inProgress).toBe(false);
  });

  it('lets a completed span replace its in-progress copy, never the reverse', () => {
    const store = new TraceStore({ maxTraces: 5, maxSpansPerTrace: 10 });
    const traceId = newTraceId();
    const complete = doc(traceId);
    const inProgress = { ...complete, end_time: undefined, in_progress: true };
    store.add(complete);
    store.add(inProgress);
    expect(store.get(traceId)!.spans.get(complete.id)).toMatchObject({ inProgress: false, endMs: complete.end_time! * 1000 });
  });

  it('matches trace IDs regardless of case', () => {
    const store = new TraceStore({ maxTraces: 5, maxSpansPerTrace: 10 });
    const traceId = newTraceId();
    store.add(doc(traceId.toUpperCase()));
    store.add(doc(traceId));
    expect(store.list()).toHaveLength(1);
    expect(store.get(traceId.toUpperCase())?.spans.size).toBe(2);
  });
});
