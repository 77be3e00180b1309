// The one module that knows the tracing backend (the AWS X-Ray SDK, in manual mode: the current
// span travels in the request scope, AsyncLocalStorage, never through cls-hooked). Swapping to
// OpenTelemetry with the X-Ray propagator means rewriting this file only.
import AWSXRay from 'aws-xray-sdk-core';
import type { Logger } from './logger.ts';
import type { Span } from './span.ts';
import { newSpanId, newTraceRoot, type TraceContext } from './trace-header.ts';

type XRaySpan = AWSXRay.Segment | AWSXRay.Subsegment;

export interface TracerOptions {
  service: string;
  enabled: boolean;
  daemonAddress: string;
  /** Fraction of requests traced beyond the reservoir. */
  samplingRate: number;
  /** Requests per second traced before the rate applies. */
  reservoirPerSecond: number;
  logger: Logger;
}

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

  context(): TraceContext {
    return { root: this.traceId, parent: this.span.id, sampled: true };
  }
}

/** A request that is not sampled still has a trace id (logs, headers) and passes the decision on. */
class UnsampledSpan implements Span {
  readonly traceId: string;
  readonly id = newSpanId();
  readonly sampled = false;

  constructor(traceId: string) {
    this.traceId = traceId;
  }

  child(): Span {
    return this;
  }
  annotate(): void {}
  metadata(): void {}
  flagError(): void {}
  fault(): void {}
  http(): void {}
  sql(): void {}
  aws(): void {}
  close(): void {}
  context(): TraceContext {
    return { root: this.traceId, parent: this.id, sampled: false };
  }
}

/** Local sampling rules: a reservoir per second, then a fixed rate. No calls to the X-Ray service. */
class LocalSampler {
  private second = 0;
  private used = 0;
  private readonly rate: number;
  private readonly reservoir: number;

  constructor(rate: number, reservoir: number) {
    this.rate = rate;
    this.reservoir = reservoir;
  }

  sample(): boolean {
    const now = Math.floor(Date.now() / 1000);
    if (now !== this.second) {
      this.second = now;
      this.used = 0;
    }
    if (this.used < this.reservoir) {
      this.used += 1;
      return true;
    }
    return Math.random() < this.rate;
  }
}

export class Tracer {
  private readonly options: TracerOptions;
  private readonly sampler: LocalSampler;

  constructor(options: TracerOptions) {
    this.options = options;
    this.sampler = new LocalSampler(options.samplingRate, options.reservoirPerSecond);
    if (options.enabled) {
      AWSXRay.setDaemonAddress(options.daemonAddress);
      // Emission is UDP: with no daemon listening, datagrams are dropped and nothing fails.
      AWSXRay.setLogger({
        error: (...args: unknown[]) => options.logger.debug({ xray: args.map(String) }, 'x-ray sdk error'),
        warn: () => undefined,
        info: () => undefined,
        debug: () => undefined,
      });
    }
  }

  /** The service's segment for one request, continuing the caller's trace when there is one. */
  startSegment(incoming: TraceContext | null): Span {
    const root = incoming?.root ?? newTraceRoot();
    const sampled = this.options.enabled && (incoming?.sampled ?? this.sampler.sample());
    if (!sampled) return new UnsampledSpan(root);
    const segment = new AWSXRay.Segment(this.options.service, root, incoming?.parent ?? null);
    return new XRaySpanImpl(segment, root);
  }
}

/** A service's tracer from the settings every service's config carries. */
export function createTracer(
  service: string,
  config: { TRACING_ENABLED: boolean; AWS_XRAY_DAEMON_ADDRESS: string; XRAY_SAMPLING_RATE: number; XRAY_SAMPLING_RESERVOIR: number },
  logger: Logger,
): Tracer {
  return new Tracer({
    service,
    enabled: config.TRACING_ENABLED,
    daemonAddress: config.AWS_XRAY_DAEMON_ADDRESS,
    samplingRate: config.XRAY_SAMPLING_RATE,
    reservoirPerSecond: config.XRAY_SAMPLING_RESERVOIR,
    logger,
  });
}
