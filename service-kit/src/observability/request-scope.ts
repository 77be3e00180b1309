import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestMetrics } from './request-metrics.ts';
import type { Span } from './span.ts';

/** What one request cost this service; summed by the gateway into the client's summary. */
export interface RequestStats {
  storeRoundTrips: number;
  cacheHits: number;
  cacheMisses: number;
  cacheBypasses: number;
  /** Gateway only: requests sent to subgraphs. */
  subgraphFetches: number;
}

export interface RequestScope {
  stats: RequestStats;
  /** The request's span in its trace (the service's segment), when traced. */
  span?: Span;
  /** The trace id, sampled or not: for logs, errors and the response header. */
  traceId?: string;
  /** Set once the GraphQL operation is known: for request logs. */
  operationName?: string;
  /** Open while the gateway plans the operation. */
  planSpan?: Span;
  /** With embedded metrics on: what the request adds to the GraphQL metrics. */
  metrics?: RequestMetrics;
}

const storage = new AsyncLocalStorage<RequestScope>();

export const emptyStats = (): RequestStats => ({
  storeRoundTrips: 0,
  cacheHits: 0,
  cacheMisses: 0,
  cacheBypasses: 0,
  subgraphFetches: 0,
});

/** Runs `fn` as one request: everything it starts, however async, sees the same scope. */
export function runInRequestScope<T>(fn: () => T, scope: RequestScope = { stats: emptyStats() }): T {
  return storage.run(scope, fn);
}

/** The scope of the request being served, if any (startup work and tests have none). */
export const currentRequestScope = (): RequestScope | undefined => storage.getStore();

/**
 * Runs `fn` inside a child span of the request's span (a store call, a subgraph fetch);
 * outside a traced request it just runs `fn`. Faults are flagged on the child that failed.
 */
export async function inChildSpan<T>(
  name: string,
  namespace: 'remote' | 'aws' | undefined,
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  const parent = storage.getStore()?.span;
  const span = parent?.sampled ? parent.child(name, namespace) : undefined;
  try {
    return await fn(span);
  } catch (error) {
    span?.fault(error);
    throw error;
  } finally {
    span?.close();
  }
}

/** Adds counts to the current request's stats, if there is a request. */
export function countInRequest(delta: Partial<RequestStats>): void {
  const stats = storage.getStore()?.stats;
  if (!stats) return;
  for (const [key, value] of Object.entries(delta) as [keyof RequestStats, number][]) stats[key] += value;
}
