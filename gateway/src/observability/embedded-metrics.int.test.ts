import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningService } from '@tributary/service-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalog } from '../../../examples/two-subgraphs/catalog.ts';
import { ratings } from '../../../examples/two-subgraphs/ratings.ts';
import { emittedMetrics, type EmittedMetric } from '../../../test-support/emf.ts';
import { writeExampleSupergraph } from '../../../test-support/example-supergraph.ts';
import { post } from '../../../test-support/http.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { serveSubgraph, type TestSubgraphServer } from '../../../test-support/subgraph-server.ts';
import { createGateway } from '../gateway.ts';
import type { GatewayOptions } from '../options.ts';
import { sha256 } from '../limits/persisted-operations.ts';

const KNOWN = 'query BookList { books { title stars } }';

let dir: string;
const subgraphs: TestSubgraphServer[] = [];
const running: RunningService[] = [];
/** Everything written to stdout while the tests run; the EMF lines are among it. */
let stdout = '';

async function serve(options: GatewayOptions): Promise<string> {
  const service = await createGateway({ supergraphPath: join(dir, 'supergraph.graphql'), watch: false, logger: silentLogger, tracing: { enabled: false }, ...options }).listen({ port: 0, host: '127.0.0.1' });
  running.push(service);
  return service.url;
}

beforeAll(async () => {
  subgraphs.push(await serveSubgraph(catalog), await serveSubgraph(ratings));
  dir = await mkdtemp(join(tmpdir(), 'tributary-emf-'));
  await writeExampleSupergraph(dir, { catalog: subgraphs[0]!.url, ratings: subgraphs[1]!.url });
  await writeFile(join(dir, 'operations.json'), JSON.stringify({ [sha256(KNOWN)]: KNOWN }));
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout += String(chunk);
    return write(chunk, ...(rest as []));
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  for (const service of running) await service.stop();
  for (const subgraph of subgraphs) await subgraph[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The metrics written since `from` (an offset into stdout), once `expected` of them are there. */
async function metricsSince(from: number, expected: (metrics: EmittedMetric[]) => boolean): Promise<EmittedMetric[]> {
  let metrics: EmittedMetric[] = [];
  await vi.waitFor(() => {
    metrics = emittedMetrics(stdout.slice(from));
    if (!expected(metrics)) throw new Error(`not yet: ${JSON.stringify(metrics)}`);
  });
  return metrics;
}
const named = (metrics: EmittedMetric[], name: string) => metrics.filter((m) => m.name === name);

describe('GraphQL metrics as embedded metric format lines (METRICS_EMF)', () => {
  it('writes none by default', async () => {
    const url = await serve({});
    const from = stdout.length;
    expect((await post(url, KNOWN)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emittedMetrics(stdout.slice(from))).toEqual([]);
  });

  it('writes requests and latency by operation (manifest names only) and each subgraph fetch', async () => {
    const url = await serve({ metricsEmf: true, persistedOperationsPath: join(dir, 'operations.json'), persistedOperationsOnly: false });
    let from = stdout.length;
    expect((await post(url, KNOWN)).status).toBe(200);
    let metrics = await metricsSince(from, (m) => named(m, 'SubgraphLatency').length === 2);
    expect(metrics.every((m) => m.namespace === 'Tributary')).toBe(true);
    expect(named(metrics, 'Requests').map((m) => m.dimensions)).toEqual([{ Service: 'gateway' }, { Service: 'gateway', Operation: 'BookList' }]);
    expect(named(metrics, 'Latency').map((m) => m.dimensions)).toEqual([{ Service: 'gateway' }, { Service: 'gateway', Operation: 'BookList' }]);
    expect(named(metrics, 'SubgraphLatency').map((m) => m.dimensions.Subgraph).sort()).toEqual(['catalog', 'ratings']);
    expect(named(metrics, 'Errors')).toEqual([]);

    from = stdout.length;
    expect((await post(url, 'query MadeUp { books { isbn } }')).status).toBe(200);
    metrics = await metricsSince(from, (m) => named(m, 'Requests').length === 2);
    expect(named(metrics, 'Requests')[1]!.dimensions).toEqual({ Service: 'gateway', Operation: '(other)' });
  });

  it('writes errors by code, refusals by reason and rate-limited requests', async () => {
    const url = await serve({ metricsEmf: true, limits: { maxCost: 5 }, rateLimit: { perSecond: 0.01, burst: 2 } });
    let from = stdout.length;
    expect((await post(url, '{ books { isbn } }')).status).toBe(400);
    let metrics = await metricsSince(from, (m) => named(m, 'Refused').length === 1);
    expect(named(metrics, 'Refused')[0]!.dimensions).toEqual({ Service: 'gateway', Reason: 'QUERY_TOO_COMPLEX' });
    expect(named(metrics, 'Errors').map((m) => m.dimensions)).toEqual([
      { Service: 'gateway', Code: 'QUERY_TOO_COMPLEX' },
      { Service: 'gateway', Operation: '(other)', Code: 'QUERY_TOO_COMPLEX' },
    ]);

    expect((await post(url, '{ book(isbn: "nope") { isbn } }')).status).toBe(200);
    from = stdout.length;
    expect((await post(url, '{ book(isbn: "1") { isbn } }')).status).toBe(429);
    metrics = await metricsSince(from, (m) => named(m, 'RateLimited').length === 1);
    expect(named(metrics, 'RateLimited')[0]!.dimensions).toEqual({ Service: 'gateway' });
    expect(named(metrics, 'Errors')[0]!.dimensions).toEqual({ Service: 'gateway', Code: 'RATE_LIMITED' });
  });

  it("writes the gateway's own cache lookups: persisted query hashes and the response cache", async () => {
    const url = await serve({ metricsEmf: true, responseCache: true, persistedOperationsPath: join(dir, 'operations.json'), persistedOperationsOnly: false });
    const byHash = (hash: string) =>
      fetch(`${url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`, { headers: { 'apollo-require-preflight': 'true' } }).then((r) => r.json());
    let from = stdout.length;
    expect((await byHash(sha256(KNOWN))).data.books).toHaveLength(3);
    let metrics = await metricsSince(from, (m) => named(m, 'CacheHits').length === 2);
    const lookups = (cache: string) => ({
      hits: named(metrics, 'CacheHits').find((m) => m.dimensions.Cache === cache)?.value,
      misses: named(metrics, 'CacheMisses').find((m) => m.dimensions.Cache === cache)?.value,
    });
    expect(lookups('apq')).toEqual({ hits: 1, misses: 0 });
    // The example's types carry no cache hints: asked, the response cache has nothing.
    expect(lookups('response')).toEqual({ hits: 0, misses: 1 });
    from = stdout.length;
    expect((await byHash(sha256('{ unknown }'))).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    metrics = await metricsSince(from, (m) => named(m, 'CacheHits').length === 1);
    expect(lookups('apq')).toEqual({ hits: 0, misses: 1 });
  });

  it('counts each operation of a batch', async () => {
    const url = await serve({ metricsEmf: true, limits: { maxBatchSize: 2 } });
    const from = stdout.length;
    const batch = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ books { isbn } }' }, { query: '{ book(isbn: "1") { isbn } }' }]) });
    expect(batch.status).toBe(200);
    const metrics = await metricsSince(from, (m) => named(m, 'Requests').length === 2);
    expect(named(metrics, 'Requests').map((m) => m.value)).toEqual([2, 2]);
  });
});
