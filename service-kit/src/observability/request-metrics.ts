import { cacheLine, rateLimitedLine, refusedLine, requestLines, subgraphLatencyLine } from './embedded-metrics.ts';
import { operationDimension } from './graphql-metrics.ts';
import { currentRequestScope } from './request-scope.ts';

/** What one request adds to the GraphQL metrics (graphql-metrics.ts), gathered while it runs. */
export interface RequestMetrics {
  /** GraphQL operations the request carried (a batch carries several); 0 when none was read. */
  operations: number;
  /** Every distinct `extensions.code` the request was answered with. */
  errorCodes: Set<string>;
  /** Gateway: each subgraph fetch's time, retries included, by subgraph. */
  subgraphLatenciesMs: Map<string, number[]>;
  /** Lookups by cache (an entity type, `apq`, `response`): hits, and misses with bypasses. */
  caches: Map<string, { hits: number; misses: number }>;
  rateLimited: boolean;
  /** The code of the limit that refused the request before planning. */
  refused?: string;
}

export const emptyRequestMetrics = (): RequestMetrics => ({ operations: 0, errorCodes: new Set(), subgraphLatenciesMs: new Map(), caches: new Map(), rateLimited: false });

/** The current request's metrics, when it has any (only with embedded metrics on). */
const current = () => currentRequestScope()?.metrics;

export function recordOperation(): void {
  const metrics = current();
  if (metrics) metrics.operations += 1;
}

export function recordErrorCode(code: string): void {
  current()?.errorCodes.add(code);
}

export function recordSubgraphLatency(subgraph: string, ms: number): void {
  const latencies = current()?.subgraphLatenciesMs;
  if (!latencies) return;
  const list = latencies.get(subgraph) ?? [];
  // EMF takes at most 100 values a metric; a request making more fetches is rare, its first 100 tell.
  if (list.length < 100) list.push(ms);
  latencies.set(subgraph, list);
}

export function recordCacheLookups(cache: string, hits: number, misses: number): void {
  const caches = current()?.caches;
  if (!caches) return;
  const counts = caches.get(cache) ?? { hits: 0, misses: 0 };
  counts.hits += hits;
  counts.misses += misses;
  caches.set(cache, counts);
}

/** The request was refused with 429 RATE_LIMITED. */
export function recordRateLimited(): void {
  const metrics = current();
  if (!metrics) return;
  metrics.rateLimited = true;
  metrics.errorCodes.add('RATE_LIMITED');
}

/** A limit refused the request before planning, answering with `code`. */
export function recordRefusal(code: string, metrics: RequestMetrics | undefined = current()): void {
  if (!metrics) return;
  metrics.refused = code;
  metrics.errorCodes.add(code);
}

/** Embedded metrics of a service: its name, and the operation names it may use as dimension values. */
export interface EmfOptions {
  /** The `Service` dimension, e.g. `gateway`. */
  service: string;
  /** Operation names vouched for (e.g. the persisted manifest's); any other is `(other)`. @default none */
  knownOperation?: (name: string) => boolean;
  /** Where the lines go. @default stdout, beside the logs, where CloudWatch Logs reads them */
  write?: (text: string) => void;
}

/** The EMF lines of one finished request. */
export function requestMetricLines(
  metrics: RequestMetrics,
  request: { service: string; operationName: string | undefined; latencyMs: number; knownOperation?: (name: string) => boolean; timestamp?: number },
): string[] {
  const sample = { service: request.service, timestamp: request.timestamp ?? Date.now() };
  const operation = operationDimension(request.operationName, request.knownOperation ?? (() => false));
  const lines = requestLines({ ...sample, operation, latencyMs: request.latencyMs, errorCodes: [...metrics.errorCodes], operations: Math.max(1, metrics.operations) });
  for (const [subgraph, latenciesMs] of metrics.subgraphLatenciesMs) lines.push(subgraphLatencyLine({ ...sample, subgraph, latenciesMs }));
  for (const [cache, { hits, misses }] of metrics.caches) lines.push(cacheLine({ ...sample, cache, hits, misses }));
  if (metrics.rateLimited) lines.push(rateLimitedLine(sample));
  if (metrics.refused) lines.push(refusedLine({ ...sample, reason: metrics.refused }));
  return lines;
}
