// The X-Ray SDK backend (aws-xray-sdk-core in manual mode: the current span travels in the
// request scope, AsyncLocalStorage, never through cls-hooked). Segments go by UDP to the daemon.
import './xray-manual-mode.ts';
import AWSXRay from 'aws-xray-sdk-core';
import { incomingTrace, newTraceRoot, traceHeaders, type TraceContext } from './trace-header.ts';
import type { Span } from './span.ts';
import type { BackendOptions, TracingBackend } from './tracing.ts';

type XRaySpan = AWSXRay.Segment | AWSXRay.Subsegment;

class XRaySpanImpl implements Span {
  readonly traceId: string;
  readonly sampled = true;
  private readonly span: XRaySpan;

  constructor(span: XRaySpan, traceId: string) {
    this.span = span;
    this.traceId = traceId;
  }

  get id(): string {
    return this.span.id;
  }

  child(name: string, namespace?: 'remote' | 'aws'): Span {
    const sub = this.span.addNewSubsegment(name);
    if (namespace) sub.namespace = namespace;
    return new XRaySpanImpl(sub, this.traceId);
  }

  annotate(key: string, value: string | number | boolean): void {
    this.span.addAnnotation(key.replace(/[^A-Za-z0-9_]/g, '_'), value);
  }

  metadata(key: string, value: unknown): void {
    this.span.addMetadata(key, value);
  }

  flagError(): void {
    this.span.addErrorFlag();
  }

  fault(error?: unknown): void {
    if (error instanceof Error || typeof error === 'string') this.span.addError(error);
    this.span.addFaultFlag();
  }

  http(request: { method: string; url: string }, status?: number): void {
    (this.span as unknown as { http: unknown }).http = { request, ...(status ? { response: { status } } : {}) };
  }

  sql(data: { url: string; sanitized_query: string; database_type: string }): void {
    (this.span as AWSXRay.Subsegment).addSqlData?.(data);
  }

  aws(data: { operation: string; table_name?: string | undefined; region?: string }): void {
    (this.span as AWSXRay.Subsegment).addAttribute?.('aws', data);
  }

  close(): void {
    this.span.close();
  }

  context(): Required<TraceContext> {
    return { root: this.traceId, parent: this.span.id, sampled: true };
  }

  headers(): Record<string, string> {
    return traceHeaders(this.context());
  }
}

/** Segments by UDP to `daemonAddress`; with no daemon listening, datagrams are dropped and nothing fails. */
export function createXRayBackend({ service, daemonAddress, logger }: BackendOptions): TracingBackend {
  AWSXRay.setDaemonAddress(daemonAddress);
  AWSXRay.setLogger({
    error: (...args: unknown[]) => logger.debug({ xray: args.map(String) }, 'x-ray sdk error'),
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
  });
  return {
    extract: incomingTrace,
    newTraceId: newTraceRoot,
    segment: (root, parent) => new XRaySpanImpl(new AWSXRay.Segment(service, root, parent ?? null), root),
    // Each segment was sent when it closed.
    shutdown: async () => undefined,
  };
}
