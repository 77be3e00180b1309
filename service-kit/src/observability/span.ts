// What a span is, apart from the backends that record it (xray-tracer.ts, otel-tracer.ts): the
// request scope carries spans and the logger reads the scope, so neither may depend on tracing.ts,
// which logs.
import type { TraceContext } from './trace-header.ts';

/** One timed step of a request: a service's segment or a subsegment inside it. */
export interface Span {
  /** The trace id in X-Ray's format, `1-<8 hex epoch seconds>-<24 hex>`, whichever the backend. */
  readonly traceId: string;
  readonly id: string;
  readonly sampled: boolean;
  /** A child span; `namespace` "remote" for calls to other services and stores, "aws" for AWS APIs. */
  child(name: string, namespace?: 'remote' | 'aws'): Span;
  annotate(key: string, value: string | number | boolean): void;
  metadata(key: string, value: unknown): void;
  /** A client error (4xx-like) happened here. */
  flagError(): void;
  /** A fault (5xx-like) happened here. */
  fault(error?: unknown): void;
  http(request: { method: string; url: string }, status?: number): void;
  sql(data: { url: string; sanitized_query: string; database_type: string }): void;
  aws(data: { operation: string; table_name?: string | undefined; region?: string }): void;
  close(): void;
  /** What a downstream call carries: this trace, this span as parent, the decision. */
  context(): Required<TraceContext>;
  /** The headers a downstream request carries to continue the trace here: `X-Amzn-Trace-Id` and `traceparent`. */
  headers(): Record<string, string>;
}
