// Logs, traces and metrics, and the request scope that ties them to one request.
export { createLogger, type Logger } from './logger.ts';
export { LOG_THROTTLE_MS, throttledWarning } from './log-throttle.ts';
export {
  countInRequest,
  currentRequestScope,
  emptyStats,
  inChildSpan,
  runInRequestScope,
  type RequestScope,
  type RequestStats,
} from './request-scope.ts';
export type { Span } from './span.ts';
export { createTracer, Tracer, type TracerOptions } from './tracing.ts';
export {
  formatTraceHeader,
  newSpanId,
  newTraceRoot,
  parseAmznTraceHeader,
  parseTraceparent,
  type TraceContext,
} from './trace-header.ts';
export {
  cacheLookups,
  deduplicatedRequests,
  httpDuration,
  httpRequests,
  labelMetrics,
  metricsRoute,
  operationCosts,
  registry,
  storeRoundTrips,
  subgraphFetches,
} from './metrics.ts';
export {
  emptyRequestMetrics,
  recordCacheLookups,
  recordErrorCode,
  recordRateLimited,
  recordRefusal,
  recordSubgraphLatency,
  requestMetricLines,
  type EmfOptions,
  type RequestMetrics,
} from './request-metrics.ts';
export { StoreCallCounter, storeCalls, type StoreCall, type StoreCallListener } from './store-calls.ts';
