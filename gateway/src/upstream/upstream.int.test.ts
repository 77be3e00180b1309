import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../examples/two-subgraphs/catalog.ts';
import { ratings } from '../../../examples/two-subgraphs/ratings.ts';
import { writeExampleSupergraph } from '../../../test-support/example-supergraph.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { post } from '../../../test-support/http.ts';
import { createGateway, type Gateway } from '../gateway.ts';

const example = (file: string) => new URL(`../../../examples/two-subgraphs/${file}`, import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Mode = { kind: 'ok' } | { kind: 'reset' } | { kind: 'slow'; ms: number };

/** The ratings subgraph behind a switch: answering, resetting connections, or answering late. */
async function serveRatings() {
  let mode: Mode = { kind: 'ok' };
  const state = { requests: 0, closedByClient: 0 };
  const server = createServer((req, res) => {
    state.requests += 1;
    // No `Keep-Alive: timeout=` hint, like an AWS ALB: the gateway must know the limit itself.
    res.setHeader('connection', 'keep-alive');
    if (mode.kind === 'reset') return req.socket.destroy();
    if (mode.kind === 'slow') return void setTimeout(() => ratings(req, res), mode.ms);
    return ratings(req, res);
  });
  // A subgraph's keep-alive, scaled down: the gateway must close idle sockets before this does.
  server.keepAliveTimeout = 1_000;
  server.on('connection', (socket: Socket) => socket.on('end', () => (state.closedByClient += 1)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    state,
    set: (next: Mode) => (mode = next),
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

const QUERY = '{ books { title stars } }';
const TITLES = ['Structure and Interpretation of Computer Programs', 'Design Patterns', 'Designing Data-Intensive Applications'];

let dir: string;
let catalogServer: Server;
let ratingsServer: Awaited<ReturnType<typeof serveRatings>>;
let gateway: Gateway;
let url: string;

beforeAll(async () => {
  catalogServer = createServer(catalog);
  await new Promise<void>((resolve) => catalogServer.listen(0, '127.0.0.1', resolve));
  ratingsServer = await serveRatings();
  dir = await mkdtemp(join(tmpdir(), 'tributary-resilience-'));
  await writeExampleSupergraph(dir, { catalog: `http://127.0.0.1:${(catalogServer.address() as AddressInfo).port}/graphql`, ratings: ratingsServer.url });
  gateway = createGateway({
    supergraphPath: join(dir, 'supergraph.graphql'),
    watch: false,
    logger: silentLogger,
    resilience: { subgraphTimeoutsMs: { ratings: 300 }, breakerFailures: 3, halfOpenAfterMs: 500, retryDelayMs: 1, idleSocketTimeoutMs: 300 },
  });
  url = (await gateway.listen({ port: 0, host: '127.0.0.1' })).url;
});

afterAll(async () => {
  await gateway?.stop();
  await ratingsServer?.close();
  await new Promise((resolve) => catalogServer?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the gateway when a subgraph fails', () => {
  it('answers every field of the healthy subgraph, and nulls only the failed subgraph’s fields, each error with its path', async () => {
    ratingsServer.set({ kind: 'reset' });
    const { status, body } = await post(url, QUERY);
    expect(status).toBe(200);
    expect(body.data.books.map((book: { title: string }) => book.title)).toEqual(TITLES);
    expect(body.data.books.map((book: { stars: number | null }) => book.stars)).toEqual([null, null, null]);
    expect(body.errors).toEqual(
      [0, 1, 2].map((i) => ({
        message: 'Subgraph "ratings" is unavailable (unreachable)',
        path: ['books', i, 'stars'],
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'unreachable', serviceName: 'ratings' }),
      })),
    );
  });

  it('then fails fast with its circuit open, and closes it after one successful half-open probe', async () => {
    // The first request made three attempts (two retries): three consecutive failures open the circuit.
    const before = ratingsServer.state.requests;
    const { body } = await post(url, QUERY);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'circuit open' });
    expect(ratingsServer.state.requests).toBe(before);

    ratingsServer.set({ kind: 'ok' });
    await sleep(550);
    const recovered = await post(url, QUERY);
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data.books[2]).toEqual({ title: TITLES[2], stars: 4.75 });
    expect(ratingsServer.state.requests).toBe(before + 1);
  });

  it('times a slow subgraph out at its own timeout, without waiting for it', async () => {
    ratingsServer.set({ kind: 'slow', ms: 2_000 });
    const started = performance.now();
    const { body } = await post(url, QUERY);
    const elapsed = performance.now() - started;
    expect(body.data.books).toHaveLength(3);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'timed out' });
    // One attempt only (a timeout is not retried): 300 ms plus the gateway's own work.
    expect(elapsed).toBeLessThan(1_000);
    ratingsServer.set({ kind: 'ok' });
  });

  it('closes idle sockets before the subgraph does, so a request after a long idle succeeds', async () => {
    await sleep(550);
    expect((await post(url, QUERY)).body.errors).toBeUndefined();
    const closedBefore = ratingsServer.state.closedByClient;
    // Longer than the subgraph keeps an idle socket: a client reusing it would hit `socket hang up`.
    await sleep(1_200);
    expect(ratingsServer.state.closedByClient).toBeGreaterThan(closedBefore);
    const { body } = await post(url, QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data.books[0].stars).toBeCloseTo(4.67, 2);
  });
});
