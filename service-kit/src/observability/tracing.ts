// The one module that picks the tracing backend: the AWS X-Ray SDK (xray-tracer.ts) or
// OpenTelemetry with X-Ray ids and propagation (otel-tracer.ts). Each is imported only when
// chosen, so a service carries one SDK (or none with tracing off). Whichever records the spans,
// this module decides sampling, and the current span travels in the request scope.
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from './logger.ts';
import type { Span } from './span.ts';
import { incomingTrace, newSpanId, newTraceRoot, traceHeaders, type TraceContext } from './trace-header.ts';

/** Which SDK records the spans. */
export type TracingBackendName = 'xray' | 'otel';

export interface TracerOptions {
  service: string;
  enabled: boolean;
  /** @default 'xray' */
  backend?: TracingBackendName;
  /** Where the X-Ray backend sends segments by UDP. */
  daemonAddress: string;
  /** Where the OpenTelemetry backend sends spans (OTLP/HTTP; `/v1/traces` is appended). @default 'http://localhost:4318' */
  otlpEndpoint?: string;
  /** Fraction of requests traced beyond the reservoir. */
  samplingRate: number;
  /** Requests per second traced before the rate applies. */
  reservoirPerSecond: number;
  logger: Logger;
}

export type BackendOptions = Pick<TracerOptions, 'service' | 'daemonAddress' | 'logger'> & { otlpEndpoint: string };

/** What the Tracer needs of a tracing SDK. */
export interface TracingBackend {
  /** The caller's position in a trace, from the request's headers; null to start a trace. */
  extract(headers: IncomingHttpHeaders): TraceContext | null;
  /** A new trace id, in X-Ray's format. */
  newTraceId(): string;
  /** The recorded segment of a sampled request in trace `root`, under the caller's span `parent` if any. */
  segment(root: string, parent: string | undefined): Span;
  /** Sends whatever is still buffered. */
  shutdown(): Promise<void>;
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
  context(): Required<TraceContext> {
    return { root: this.traceId, parent: this.id, sampled: false };
  }
  headers(): Record<string, string> {
    return traceHeaders(this.context());
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

async function loadBackend(options: TracerOptions): Promise<TracingBackend> {
  const backendOptions: BackendOptions = { ...options, otlpEndpoint: options.otlpEndpoint ?? 'http://localhost:4318' };
  if (options.backend === 'otel') return (await import('./otel-tracer.ts')).createOtelBackend(backendOptions);
  return (await import('./xray-tracer.ts')).createXRayBackend(backendOptions);
}

/** How long closing waits for buffered spans to be sent: within ECS's stop timeout, after the drain. */
const closeTimeoutMs = 2_000;

export class Tracer {
  private readonly options: TracerOptions;
  private readonly sampler: LocalSampler;
  private readonly loading: Promise<TracingBackend | undefined>;
  private backend: TracingBackend | undefined;

  constructor(options: TracerOptions) {
    this.options = options;
    this.sampler = new LocalSampler(options.samplingRate, options.reservoirPerSecond);
    this.loading = options.enabled ? loadBackend(options) : Promise.resolve(undefined);
    this.loading.then(
      (backend) => (this.backend = backend),
      // ready() reports it to whoever starts the service.
      () => undefined,
    );
  }

  /** Resolves once the backend is loaded: until then requests keep their trace ids but record no spans. */
  async ready(): Promise<void> {
    this.backend = await this.loading;
  }

  /** The service's segment for one request, continuing the caller's trace when there is one. */
  startSegment(headers: IncomingHttpHeaders): Span {
    const { backend } = this;
    const incoming = backend ? backend.extract(headers) : incomingTrace(headers);
    const root = incoming?.root ?? backend?.newTraceId() ?? newTraceRoot();
    const sampled = backend !== undefined && (incoming?.sampled ?? this.sampler.sample());
    return sampled ? backend.segment(root, incoming?.parent) : new UnsampledSpan(root);
  }

  /**
   * Sends the spans still buffered (OpenTelemetry batches them); call once requests are drained.
   * Never fails and waits at most `closeTimeoutMs`: spans that cannot be sent (no collector
   * listening: the exporter would retry for seconds) are dropped, as UDP's are.
   */
  async close(): Promise<void> {
    const backend = await this.loading.catch(() => undefined);
    if (!backend) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, closeTimeoutMs)));
    const sent = backend.shutdown().catch((error: unknown) => this.options.logger.debug({ err: error }, 'spans not sent at shutdown'));
    await Promise.race([sent, timeout]);
    clearTimeout(timer);
  }
}

/** A service's tracer from the settings every service's config carries. */
export function createTracer(
  service: string,
  config: {
    TRACING_ENABLED: boolean;
    TRACING_BACKEND: TracingBackendName;
    AWS_XRAY_DAEMON_ADDRESS: string;
    OTEL_EXPORTER_OTLP_ENDPOINT: string;
    XRAY_SAMPLING_RATE: number;
    XRAY_SAMPLING_RESERVOIR: number;
  },
  logger: Logger,
): Tracer {
  return new Tracer({
    service,
    enabled: config.TRACING_ENABLED,
    backend: config.TRACING_BACKEND,
    daemonAddress: config.AWS_XRAY_DAEMON_ADDRESS,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    samplingRate: config.XRAY_SAMPLING_RATE,
    reservoirPerSecond: config.XRAY_SAMPLING_RESERVOIR,
    logger,
  });
}
