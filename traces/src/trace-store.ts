import type { SegmentDocument } from './segment-document.ts';
import { flattenDocument, type Span } from './span.ts';

/** The spans received so far for one trace ID. */
export interface StoredTrace {
  traceId: string;
  spans: Map<string, Span>;
  /** Spans not kept because the trace already held maxSpansPerTrace. */
  droppedSpans: number;
}

export interface TraceStoreLimits {
  /** Traces kept; a new trace beyond this drops the one first seen longest ago. */
  maxTraces: number;
  /** Spans kept per trace; further new span IDs are counted, not kept. */
  maxSpansPerTrace: number;
}

/**
 * The latest traces, in memory and bounded. Segment documents (and OTLP spans) arrive in any order: a
 * subsegment before its segment, an in-progress segment before or after its completed version.
 * Spans are keyed by ID, so a later document replaces an earlier one of the same span, except that
 * an in-progress copy never replaces a completed one.
 */
export class TraceStore {
  readonly #limits: TraceStoreLimits;
  readonly #traces = new Map<string, StoredTrace>();

  constructor(limits: TraceStoreLimits) {
    this.#limits = limits;
  }

  /** Adds one document's spans; returns its trace and the IDs of traces dropped to make room. */
  add(document: SegmentDocument): { trace: StoredTrace; dropped: string[] } {
    return this.addSpans(document.trace_id, flattenDocument(document));
  }

  /** Adds spans of one trace (an X-Ray trace id), from a segment document or an OTLP export. */
  addSpans(traceId: string, spans: Span[]): { trace: StoredTrace; dropped: string[] } {
    traceId = traceId.toLowerCase();
    const dropped: string[] = [];
    let trace = this.#traces.get(traceId);
    if (!trace) {
      while (this.#traces.size >= this.#limits.maxTraces) {
        const oldest = this.#traces.keys().next().value!;
        this.#traces.delete(oldest);
        dropped.push(oldest);
      }
      trace = { traceId, spans: new Map(), droppedSpans: 0 };
      this.#traces.set(traceId, trace);
    }
    for (const span of spans) {
      const existing = trace.spans.get(span.id);
      if (existing && !existing.inProgress && span.inProgress) continue;
      if (!existing && trace.spans.size >= this.#limits.maxSpansPerTrace) {
        trace.droppedSpans++;
        continue;
      }
      trace.spans.set(span.id, span);
    }
    return { trace, dropped };
  }

  get(traceId: string): StoredTrace | undefined {
    return this.#traces.get(traceId.toLowerCase());
  }

  /** Newest first. */
  list(): StoredTrace[] {
    return [...this.#traces.values()].reverse();
  }
}
