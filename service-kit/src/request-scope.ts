import { AsyncLocalStorage } from 'node:async_hooks';

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

/** Adds counts to the current request's stats, if there is a request. */
export function countInRequest(delta: Partial<RequestStats>): void {
  const stats = storage.getStore()?.stats;
  if (!stats) return;
  for (const [key, value] of Object.entries(delta) as [keyof RequestStats, number][]) stats[key] += value;
}
