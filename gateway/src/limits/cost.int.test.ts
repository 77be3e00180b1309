import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningService } from '@tributary/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMemoizedSubgraphs, type MemoizedSubgraphs } from '../../../bench/gateway/memoized-subgraphs.ts';
import { writeBenchmarkSupergraph } from '../../../bench/gateway/supergraph.ts';
import { catalog } from '../../../examples/two-subgraphs/catalog.ts';
import { ratings } from '../../../examples/two-subgraphs/ratings.ts';
import { STOREFRONT_GATEWAY_LIMITS } from '../../../schema/gateway-limits.ts';
import { benchmarkQueryPath } from '../../../test-support/config.ts';
import { post } from '../../../test-support/http.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { serveSubgraph, type TestSubgraphServer } from '../../../test-support/subgraph-server.ts';
import { parseCliArgs } from '../cli/args.ts';
import { optionsFrom } from '../cli/cli.ts';
import { parseGatewayConfig } from '../config.ts';
import { createGateway } from '../gateway.ts';
import { composeSupergraph } from '../supergraph/composition.ts';

let dir: string;
let benchmark: MemoizedSubgraphs;
let benchmarkSupergraph: string;
let costedSupergraph: string;
const subgraphs: TestSubgraphServer[] = [];
const running: RunningService[] = [];

/** The gateway as `tributary-gateway --supergraph <file>` builds it, with `env` in its environment. */
async function cliGateway(supergraph: string, env: Record<string, string> = {}): Promise<string> {
  const command = parseCliArgs(['--supergraph', supergraph, '--no-watch']);
  if (command.help) throw new Error('not a run');
  const { options } = optionsFrom(parseGatewayConfig({ ...env, ...command.env }));
  const service = await createGateway({ ...options, logger: silentLogger, tracing: { enabled: false } }).listen({ port: 0, host: '127.0.0.1' });
  running.push(service);
  return service.url;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-cost-'));
  benchmark = await serveMemoizedSubgraphs();
  benchmarkSupergraph = await writeBenchmarkSupergraph(benchmark.urls);
  subgraphs.push(await serveSubgraph(catalog), await serveSubgraph(ratings));
  const { supergraphSdl } = await composeSupergraph([
    { name: 'catalog', routingUrl: subgraphs[0]!.url, schema: { kind: 'file', path: new URL('./fixtures/costed-catalog.graphql', import.meta.url).pathname } },
    { name: 'ratings', routingUrl: subgraphs[1]!.url, schema: { kind: 'file', path: new URL('../../../examples/two-subgraphs/ratings.graphql', import.meta.url).pathname } },
  ]);
  costedSupergraph = join(dir, 'costed-supergraph.graphql');
  await writeFile(costedSupergraph, supergraphSdl);
});

afterAll(async () => {
  for (const service of running) await service.stop();
  for (const subgraph of subgraphs) await subgraph[Symbol.asyncDispose]();
  await benchmark?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('operation cost on a supergraph without cost directives (the federation benchmark)', () => {
  it('answers its benchmark query, costing over 20,000, with the default settings, and reports the estimate', async () => {
    const url = await cliGateway(benchmarkSupergraph);
    const { status, body } = await post(url, await readFile(benchmarkQueryPath, 'utf8'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.users.length).toBeGreaterThan(0);
    expect(body.extensions?.cost).toEqual({ estimated: 23315, maxCost: null });
  });

  it('refuses it once MAX_COST=10000 is set, before any subgraph is asked', async () => {
    const url = await cliGateway(benchmarkSupergraph, { MAX_COST: '10000' });
    const before = benchmark.requests();
    const { status, body } = await post(url, await readFile(benchmarkQueryPath, 'utf8'));
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^The operation costs 23315, more than the limit of 10000/),
      extensions: { code: 'QUERY_TOO_COMPLEX', cost: 23315, maxCost: 10000 },
    });
    expect(benchmark.requests()).toEqual(before);
  });

  it('reports no cost in production', async () => {
    const url = await cliGateway(benchmarkSupergraph, { NODE_ENV: 'production' });
    const { body } = await post(url, '{ topProducts { upc } }');
    expect(body.data.topProducts).toHaveLength(5);
    expect(body.extensions?.cost).toBeUndefined();
  });
});

describe('operation cost on a supergraph with @cost and @listSize', () => {
  it('estimates with the directives: a list of assumedSize 3 of objects weighing 2 costs 6, not 10', async () => {
    const url = await cliGateway(costedSupergraph);
    const { status, body } = await post(url, '{ books { isbn stars } }');
    expect(status).toBe(200);
    expect(body.data.books).toHaveLength(3);
    expect(body.extensions?.cost).toEqual({ estimated: 6, maxCost: null });
  });

  it('refuses by that estimate once MAX_COST is set', async () => {
    const url = await cliGateway(costedSupergraph, { MAX_COST: '5' });
    const { status, body } = await post(url, '{ books { isbn } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 6, maxCost: 5 });
    const cheap = await post(url, '{ book(isbn: "1") { title } }');
    expect(cheap.status).toBe(200);
    expect(cheap.body.extensions?.cost).toEqual({ estimated: 2, maxCost: 5 });
    // @listSize(slicingArguments: ["first", "last"]) requires exactly one of them by default.
    const both = await post(url, '{ page(first: 1, last: 1) { total } }');
    expect(both.status).toBe(400);
    expect(both.body.errors?.[0]).toMatchObject({
      message: 'The operation cannot be costed: Query.page needs exactly one of its slicing arguments (first, last), not 2',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('limit defaults', () => {
  const limitsOf = (env: Record<string, string>) => {
    const { limits, rateLimit } = optionsFrom(parseGatewayConfig({ SUPERGRAPH_PATH: 'supergraph.graphql', ...env })).options;
    return { maxCost: limits?.maxCost, defaultListSize: limits?.defaultListSize, rateLimit };
  };

  it('a generic user gets: no cost limit (0), 100 requests a second per client in bursts of 200, no proxy trusted', () => {
    expect(limitsOf({})).toEqual({ maxCost: 0, defaultListSize: 10, rateLimit: { perSecond: 100, burst: 200, trustedProxyHops: 0 } });
  });

  it('the storefront runs with (npm start, compose, CDK): cost 5000, 50 a second per client in bursts of 200', () => {
    expect(limitsOf(STOREFRONT_GATEWAY_LIMITS)).toEqual({ maxCost: 5000, defaultListSize: 10, rateLimit: { perSecond: 50, burst: 200, trustedProxyHops: 0 } });
  });
});
