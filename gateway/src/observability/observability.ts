import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Tracer, type Logger } from '@tributary/service-kit';
import { chattinessPlugin } from './chattiness.ts';

export interface ObservabilityOptions {
  tracing: { enabled: boolean; backend: 'xray' | 'otel'; daemonAddress: string; otlpEndpoint: string; samplingRate: number; samplingReservoir: number };
  /** `extensions.chattiness` in every response. */
  costSummary: boolean;
}

/**
 * What the gateway tells about each request: a segment continuing the caller's trace (X-Ray SDK
 * or OpenTelemetry),
 * with subsegments for planning (plan-span.ts) and each subgraph fetch (recorded by the
 * subgraph data source), and outside production what the request cost behind the gateway. The
 * chattiness plugin goes last, so that no cache stores a response with its extension.
 */
export function gatewayObservability(options: ObservabilityOptions, logger: Logger): { tracer: Tracer; plugins: ApolloServerPlugin<BaseContext>[] } {
  const { tracing } = options;
  const tracer = new Tracer({
    service: 'gateway',
    enabled: tracing.enabled,
    backend: tracing.backend,
    daemonAddress: tracing.daemonAddress,
    otlpEndpoint: tracing.otlpEndpoint,
    samplingRate: tracing.samplingRate,
    reservoirPerSecond: tracing.samplingReservoir,
    logger,
  });
  return { tracer, plugins: options.costSummary ? [chattinessPlugin] : [] };
}
