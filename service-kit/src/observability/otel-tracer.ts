// The OpenTelemetry backend: spans by OTLP/HTTP (protobuf) to a collector (the ADOT collector on
// AWS, which hands them to X-Ray; the local trace viewer in embedded mode), with X-Ray's trace id
// format and both X-Ray and W3C propagation. Nothing is registered globally: no context manager
// and no global tracer provider, so libraries' own instrumentation (Apollo's gateway has some)
// stays off and the spans are the ones the Span interface makes, as with the X-Ray SDK.
import type { IncomingHttpHeaders } from 'node:http';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  defaultTextMapGetter,
  defaultTextMapSetter,
  diag,
  isSpanContextValid,
  trace,
  type Attributes,
  type Span as OtelApiSpan,
  type Tracer as OtelApiTracer,
} from '@opentelemetry/api';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BatchSpanProcessor, TracerProvider, type IdGenerator, type SpanExporter } from '@opentelemetry/sdk-trace';
import { incomingTrace, type TraceContext } from './trace-header.ts';
import type { Span } from './span.ts';
import type { BackendOptions, TracingBackend } from './tracing.ts';

/** `1-5759e988-bd862e3fe1be46a994272793` → `5759e988bd862e3fe1be46a994272793`. */
export const otelTraceId = (root: string): string => root.slice(2, 10) + root.slice(11);
/** The reverse: what responses, errors and logs show, as with the X-Ray SDK. */
export const xrayTraceId = (traceId: string): string => `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`.toLowerCase();

// X-Ray's header last: where a request carries both, it wins, as in the X-Ray backend.
const propagator = new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new AWSXRayPropagator()] });

/**
 * X-Ray's ids (first 8 hex digits the epoch seconds), except that a root span may be given the
 * trace id its caller started: the ALB sends `Root=…` with no Parent, and the SDK makes a span
 * join a trace only through a parent.
 */
class ContinuingIdGenerator implements IdGenerator {
  private readonly xray = new AWSXRayIdGenerator();
  private next: string | undefined;

  /** The trace id the next root span gets (spans start synchronously, so no other takes it). */
  continueTrace(traceId: string): void {
    this.next = traceId;
  }

  generateTraceId(): string {
    const next = this.next;
    this.next = undefined;
    return next ?? this.xray.generateTraceId();
  }

  generateSpanId(): string {
    return this.xray.generateSpanId();
  }
}

class OtelSpan implements Span {
  readonly traceId: string;
  readonly sampled = true;
  private readonly span: OtelApiSpan;
  private readonly tracer: OtelApiTracer;
  private readonly name: string;
  /** Attributes X-Ray indexes for search (the ADOT collector's exporter reads `aws.xray.annotations`). */
  private readonly annotations: string[] = [];

  constructor(span: OtelApiSpan, tracer: OtelApiTracer, name: string) {
    this.span = span;
    this.tracer = tracer;
    this.name = name;
    this.traceId = xrayTraceId(span.spanContext().traceId);
  }

  get id(): string {
    return this.span.spanContext().spanId;
  }

  child(name: string, namespace?: 'remote' | 'aws'): Span {
    const attributes: Attributes = namespace === 'aws' ? { 'rpc.system': 'aws-api', 'rpc.service': name } : {};
    const kind = namespace ? SpanKind.CLIENT : SpanKind.INTERNAL;
    const span = this.tracer.startSpan(name, { kind, attributes }, trace.setSpan(ROOT_CONTEXT, this.span));
    return new OtelSpan(span, this.tracer, name);
  }

  annotate(key: string, value: string | number | boolean): void {
    const name = key.replace(/[^A-Za-z0-9_]/g, '_');
    this.span.setAttribute(name, value);
    if (!this.annotations.includes(name)) this.annotations.push(name);
  }

  metadata(key: string, value: unknown): void {
    this.span.setAttribute(key, JSON.stringify(value));
  }

  // OpenTelemetry keeps a span's Error status for faults: a client's mistake is `error.type`.
  flagError(): void {
    this.span.setAttribute('error.type', 'client_error');
  }

  fault(error?: unknown): void {
    if (error instanceof Error || typeof error === 'string') this.span.recordException(error);
    const message = error instanceof Error ? error.message : typeof error === 'string' ? error : undefined;
    this.span.setStatus({ code: SpanStatusCode.ERROR, ...(message ? { message } : {}) });
  }

  http(request: { method: string; url: string }, status?: number): void {
    this.span.setAttributes({
      'http.request.method': request.method,
      [/^https?:/.test(request.url) ? 'url.full' : 'url.path']: request.url,
      ...(status ? { 'http.response.status_code': status } : {}),
    });
  }

  // The attribute names the ADOT collector's X-Ray exporter turns into a segment's `sql`.
  sql(data: { url: string; sanitized_query: string; database_type: string }): void {
    this.span.setAttributes({
      'db.system': data.database_type.toLowerCase(),
      'db.statement': data.sanitized_query,
      'db.connection_string': data.url,
    });
  }

  aws(data: { operation: string; table_name?: string | undefined; region?: string }): void {
    this.span.setAttributes({
      'rpc.service': this.name,
      'rpc.method': data.operation,
      ...(data.table_name ? { 'aws.dynamodb.table_names': data.table_name.split(',') } : {}),
      ...(data.region ? { 'aws.region': data.region } : {}),
    });
  }

  close(): void {
    if (this.annotations.length > 0) this.span.setAttribute('aws.xray.annotations', this.annotations);
    this.span.end();
  }

  context(): Required<TraceContext> {
    return { root: this.traceId, parent: this.id, sampled: true };
  }

  headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    propagator.inject(trace.setSpan(ROOT_CONTEXT, this.span), headers, defaultTextMapSetter);
    return headers;
  }
}

/** Where a batch waits at most before it is sent: about as long as the X-Ray daemon buffers. */
const exportDelayMs = 1_000;

/** Spans by OTLP/HTTP to `otlpEndpoint`, unless given another exporter (tests give an in-memory one). */
export function createOtelBackend({ service, otlpEndpoint, logger }: BackendOptions, exporter?: SpanExporter): TracingBackend {
  // Export failures (no collector listening) are no service's failure, as with X-Ray's UDP.
  diag.setLogger({
    error: (...args: unknown[]) => logger.debug({ otel: args.map(String) }, 'opentelemetry error'),
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
    verbose: () => undefined,
  });
  const ids = new ContinuingIdGenerator();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    idGenerator: ids,
    // The Tracer has decided already: only sampled requests get here.
    sampler: new AlwaysOnSampler(),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: exporter ?? new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }),
        scheduledDelayMillis: exportDelayMs,
      }),
    ],
  });
  const tracer = provider.getTracer('@tributary/service-kit');
  return {
    extract(headers: IncomingHttpHeaders): TraceContext | null {
      const context = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));
      if (context && isSpanContextValid(context)) {
        return { root: xrayTraceId(context.traceId), parent: context.spanId, sampled: (context.traceFlags & TraceFlags.SAMPLED) !== 0 };
      }
      // The X-Ray propagator wants Parent and Sampled; the ALB sends a Root alone.
      return incomingTrace(headers);
    },
    newTraceId: () => xrayTraceId(ids.generateTraceId()),
    segment(root: string, parent: string | undefined): Span {
      const traceId = otelTraceId(root);
      let context = ROOT_CONTEXT;
      if (parent) context = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: parent, traceFlags: TraceFlags.SAMPLED, isRemote: true });
      else ids.continueTrace(traceId);
      return new OtelSpan(tracer.startSpan(service, { kind: SpanKind.SERVER }, context), tracer, service);
    },
    shutdown: () => provider.shutdown(),
  };
}
