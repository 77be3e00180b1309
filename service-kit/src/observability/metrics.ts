import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { storeCalls } from './store-calls.ts';

/** One registry per process, labelled with the service, exposed at GET /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequests = new Counter({
  name: 'tributary_http_requests_total',
  help: 'HTTP requests served, by route and status code',
  labelNames: ['route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'tributary_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route',
  labelNames: ['route'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const storeRoundTrips = new Counter({
  name: 'tributary_store_round_trips_total',
  help: 'Round trips to a store (PostgreSQL query, DynamoDB command), by store and operation',
  labelNames: ['store', 'operation'] as const,
  registers: [registry],
});

export const cacheLookups = new Counter({
  name: 'tributary_cache_lookups_total',
  help: 'Entity cache lookups, by entity type and result (hit, miss, bypass: cache unavailable)',
  labelNames: ['type', 'result'] as const,
  registers: [registry],
});

export const subgraphFetches = new Counter({
  name: 'tributary_subgraph_fetches_total',
  help: 'Requests the gateway sent to subgraphs, by subgraph',
  labelNames: ['subgraph'] as const,
  registers: [registry],
});

export const operationCosts = new Histogram({
  name: 'tributary_graphql_operation_cost',
  help: 'Estimated cost of each operation the gateway resolved (see MAX_COST), refused ones included',
  buckets: [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000],
  registers: [registry],
});

/**
 * Gateway requests eligible for in-flight deduplication: `layer` is `inbound` (client
 * operations) or `subgraph` (calls to one subgraph); `outcome` is `executed` (ran; others may
 * have joined it) or `shared` (joined one in flight, costing nothing behind the gateway).
 */
export const deduplicatedRequests = new Counter({
  name: 'tributary_deduplicated_requests_total',
  help: 'Gateway requests eligible for in-flight deduplication, by layer (inbound, subgraph) and outcome (executed, shared)',
  labelNames: ['layer', 'outcome'] as const,
  registers: [registry],
});

storeCalls.onCall(({ store, operation }) => storeRoundTrips.inc({ store, operation }));

/** Names the service in every series. */
export function labelMetrics(service: string): void {
  registry.setDefaultLabels({ service });
}

export async function metricsRoute(_req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType });
  res.end(body);
}
