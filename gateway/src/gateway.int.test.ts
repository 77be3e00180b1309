import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../examples/two-subgraphs/catalog.ts';
import { ratings } from '../../examples/two-subgraphs/ratings.ts';
import { writeExampleSupergraph } from '../../test-support/example-supergraph.ts';
import { silentLogger } from '../../test-support/logger.ts';
import { post } from '../../test-support/http.ts';
import { serveSubgraph, type TestSubgraphServer } from '../../test-support/subgraph-server.ts';
import { createGateway, type Gateway } from './gateway.ts';

const example = (file: string) => new URL(`../../examples/two-subgraphs/${file}`, import.meta.url).pathname;

let dir: string;
let catalogServer: TestSubgraphServer;
let ratingsServer: TestSubgraphServer;
let gateway: Gateway;
let server: Server;
let base: string;

beforeAll(async () => {
  [catalogServer, ratingsServer] = await Promise.all([serveSubgraph(catalog), serveSubgraph(ratings)]);
  dir = await mkdtemp(join(tmpdir(), 'tributary-embedded-'));
  await writeExampleSupergraph(dir, { catalog: catalogServer.url, ratings: ratingsServer.url });
  gateway = createGateway({
    supergraphPath: join(dir, 'supergraph.graphql'),
    watch: false,
    logger: silentLogger,
    context: (req) => ({ teamToken: req.headers['x-team-token'] }),
    subgraphHeaders: ({ subgraph, context }) => (context.teamToken ? { 'x-team-token': `${context.teamToken}`, 'x-subgraph': subgraph } : undefined),
  });
  server = createServer(gateway.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await gateway?.stop();
  await catalogServer?.[Symbol.asyncDispose]();
  await ratingsServer?.[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('createGateway, mounted in a server of our own', () => {
  it('is live at once, and neither ready nor serving GraphQL before start()', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, checks: { supergraph: 'not loaded' } });
    const early = await post(`${base}/graphql`, '{ books { title } }');
    expect(early.status).toBe(503);
    expect(early.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('once started, is ready and serves the graph, passing the hooks\' headers to each subgraph', async () => {
    await gateway.start();
    expect(await gateway.ready()).toEqual({ ready: true, checks: { supergraph: 'ok', catalog: 'ok', ratings: 'ok' } });
    const { body } = await post(`${base}/graphql`, '{ book(isbn: "9781449373320") { title stars } }', undefined, { 'x-team-token': 't-42' });
    expect(body).toMatchObject({ data: { book: { title: 'Designing Data-Intensive Applications', stars: 4.75 } } });
    expect(body.extensions?.chattiness).toMatchObject({ subgraphFetches: 2 });
    expect(catalogServer.received.at(-1)).toMatchObject({ 'x-team-token': 't-42', 'x-subgraph': 'catalog' });
    expect(ratingsServer.received.at(-1)).toMatchObject({ 'x-team-token': 't-42', 'x-subgraph': 'ratings' });
  });

  it('reloads on demand, and reports a supergraph that did not change', async () => {
    expect(await gateway.reload()).toEqual({ status: 'unchanged' });
  });
});

describe('createGateway options', () => {
  it('refuses a supergraph file and a config together', () => {
    expect(() => createGateway({ supergraphPath: 'a.graphql', supergraphConfig: 'b.yaml', logger: silentLogger })).toThrow(/not both/);
  });
});
