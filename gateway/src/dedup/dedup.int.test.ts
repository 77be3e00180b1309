import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../examples/two-subgraphs/catalog.ts';
import { ratings } from '../../../examples/two-subgraphs/ratings.ts';
import { serveJwks, type JwksServer } from '../../../stack/src/dev-jwks-server.ts';
import { bearer } from '../../../test-support/http.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { createGateway, type Gateway } from '../gateway.ts';
import type { GatewayOptions } from '../options.ts';
import { composeSupergraph } from '../supergraph/composition.ts';

const example = (file: string) => new URL(`../../../examples/two-subgraphs/${file}`, import.meta.url).pathname;
const SECRET = 'a-test-identity-secret-of-32-chars!!';
/** Long enough that every request of a burst arrives while the first one's subgraph calls are out. */
const SUBGRAPH_DELAY_MS = 250;

/** A subgraph with a mutation: the vote count of a book. */
const VOTES_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { votes(isbn: ID!): Int! }
type Mutation { vote(isbn: ID!): Int! }`;
const votes = new Map<string, number>();
const votesSchema = buildSubgraphSchema({
  typeDefs: parse(VOTES_SDL),
  resolvers: {
    Query: { votes: (_: unknown, { isbn }: { isbn: string }) => votes.get(isbn) ?? 0 },
    Mutation: { vote: (_: unknown, { isbn }: { isbn: string }) => votes.set(isbn, (votes.get(isbn) ?? 0) + 1).get(isbn)! },
  },
});
const votesListener: RequestListener = (req, res) => {
  let text = '';
  req.on('data', (chunk: Buffer) => (text += chunk.toString()));
  req.on('end', async () => {
    const { query, variables } = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
    const result = await graphql({ schema: votesSchema, source: query, variableValues: variables });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
};

interface CountingSubgraph {
  url: string;
  /** Requests received so far, and the headers of each. */
  received: IncomingMessage['headers'][];
  server: Server;
}

/** A real HTTP subgraph that answers each request late and records it. */
async function serveSlowly(listener: RequestListener): Promise<CountingSubgraph> {
  const received: IncomingMessage['headers'][] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    setTimeout(() => listener(req, res), SUBGRAPH_DELAY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, received, server };
}

let dir: string;
let subgraphs: Record<'catalog' | 'ratings' | 'votes', CountingSubgraph>;
let jwks: JwksServer;
let privateKey: CryptoKey;
const gateways: Gateway[] = [];

async function startGateway(deduplication: GatewayOptions['deduplication']): Promise<string> {
  const gateway = createGateway<{ tenant: string }>({
    supergraphPath: join(dir, 'supergraph.graphql'),
    watch: false,
    logger: silentLogger,
    deduplication,
    authentication: { jwksUrl: jwks.url, issuer: 'https://issuer.test', audience: 'tributary' },
    identitySecret: SECRET,
    context: (req) => ({ tenant: String(req.headers['x-tenant'] ?? 'none') }),
    subgraphHeaders: ({ context }) => ({ 'x-tenant': context.tenant }),
  });
  gateways.push(gateway);
  return (await gateway.listen({ port: 0, host: '127.0.0.1' })).url;
}

const token = (userId: string) =>
  new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setSubject(userId).setIssuer('https://issuer.test').setAudience('tributary').setIssuedAt().setExpirationTime('10m').sign(privateKey);

interface Sent {
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Sends every request at once; the raw bodies, in order. */
async function sendTogether(url: string, requests: Sent[]): Promise<string[]> {
  return Promise.all(
    requests.map(async ({ query, variables, headers }) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      expect(response.status).toBe(200);
      return response.text();
    }),
  );
}

/** Subgraph requests each subgraph received while `run` ran. */
async function callsDuring(run: () => Promise<unknown>): Promise<Record<keyof typeof subgraphs, number>> {
  const before = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.received.length]));
  await run();
  return Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.received.length - before[name]!])) as Record<keyof typeof subgraphs, number>;
}

/** The deduplication counter's value in the gateway's /metrics. */
async function counted(url: string, layer: string, outcome: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith('tributary_deduplicated_requests_total{') && l.includes(`layer="${layer}"`) && l.includes(`outcome="${outcome}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

const BOOKS = '{ books { isbn title stars } }';
const BOOK = 'query Book($isbn: ID!) { book(isbn: $isbn) { title stars } }';

beforeAll(async () => {
  const key = await generateKeyPair('ES256', { extractable: true });
  privateKey = key.privateKey;
  const jwk = { ...(await exportJWK(key.publicKey)), kid: 'k', alg: 'ES256', use: 'sig' };
  jwks = await serveJwks(() => ({ keys: [jwk] }));
  subgraphs = { catalog: await serveSlowly(catalog), ratings: await serveSlowly(ratings), votes: await serveSlowly(votesListener) };
  dir = await mkdtemp(join(tmpdir(), 'tributary-dedup-'));
  const { supergraphSdl } = await composeSupergraph([
    { name: 'catalog', routingUrl: subgraphs.catalog.url, schema: { kind: 'file', path: example('catalog.graphql') } },
    { name: 'ratings', routingUrl: subgraphs.ratings.url, schema: { kind: 'file', path: example('ratings.graphql') } },
    { name: 'votes', routingUrl: subgraphs.votes.url, schema: { kind: 'inline', sdl: VOTES_SDL } },
  ]);
  await writeFile(join(dir, 'supergraph.graphql'), supergraphSdl);
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  for (const subgraph of Object.values(subgraphs ?? {})) {
    subgraph.server.closeAllConnections();
    await new Promise((resolve) => subgraph.server.close(resolve));
  }
  await jwks?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('inbound deduplication, through a gateway over HTTP subgraphs', () => {
  let url: string;
  beforeAll(async () => {
    url = await startGateway(undefined);
  });

  it('answers identical queries in flight together with one execution: one call to each subgraph, the same data for all', async () => {
    const shared = await counted(url, 'inbound', 'shared');
    let bodies: string[] = [];
    const calls = await callsDuring(async () => (bodies = await sendTogether(url, Array.from({ length: 5 }, () => ({ query: BOOKS })))));
    expect(calls).toEqual({ catalog: 1, ratings: 1, votes: 0 });
    const answers = bodies.map((body) => JSON.parse(body));
    expect(answers[0].data.books).toHaveLength(3);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.data))).size).toBe(1);
    // What each request cost behind the gateway: the two fetches, counted once, by the request that made them.
    expect(answers.map((answer) => answer.extensions.chattiness.subgraphFetches).sort()).toEqual([0, 0, 0, 0, 2]);
    expect((await counted(url, 'inbound', 'shared')) - shared).toBe(4);
  });

  it('shares among requests of the same viewer only: another identity is another execution', async () => {
    const [alice, bob] = await Promise.all([token('1'), token('2')]);
    // The key set is fetched once, before the burst, so no request of it waits for the fetch.
    await sendTogether(url, [{ query: '{ __typename }', headers: bearer(alice) }]);
    const calls = await callsDuring(() =>
      sendTogether(url, [
        { query: BOOKS, headers: bearer(alice) },
        { query: BOOKS, headers: bearer(alice) },
        { query: BOOKS, headers: bearer(bob) },
      ]),
    );
    expect(calls).toEqual({ catalog: 2, ratings: 2, votes: 0 });
  });

  it('shares only requests whose subgraph requests would carry the same headers, and the same variables', async () => {
    const tenants = await callsDuring(() =>
      sendTogether(url, [
        { query: BOOKS, headers: { 'x-tenant': 'north' } },
        { query: BOOKS, headers: { 'x-tenant': 'south' } },
      ]),
    );
    expect(tenants.catalog).toBe(2);
    const variables = await callsDuring(() =>
      sendTogether(url, [
        { query: BOOK, variables: { isbn: '9780201633610' } },
        { query: BOOK, variables: { isbn: '9781449373320' } },
        { query: BOOK, variables: { isbn: '9781449373320' } },
      ]),
    );
    expect(variables.catalog).toBe(2);
  });

  it('never shares a mutation: each one runs', async () => {
    const before = votes.get('1') ?? 0;
    let bodies: string[] = [];
    const calls = await callsDuring(async () => (bodies = await sendTogether(url, Array.from({ length: 3 }, () => ({ query: 'mutation { vote(isbn: "1") }' })))));
    expect(calls.votes).toBe(3);
    expect(votes.get('1')).toBe(before + 3);
    expect(bodies.map((body) => JSON.parse(body).data.vote).sort()).toEqual([before + 1, before + 2, before + 3]);
  });
});

describe('the switches', () => {
  it('with queries not shared, identical subgraph requests in flight still share one call', async () => {
    const url = await startGateway({ queries: false });
    const shared = await counted(url, 'subgraph', 'shared');
    let bodies: string[] = [];
    const calls = await callsDuring(async () => (bodies = await sendTogether(url, Array.from({ length: 3 }, () => ({ query: BOOKS })))));
    expect(calls).toEqual({ catalog: 1, ratings: 1, votes: 0 });
    expect(new Set(bodies.map((body) => JSON.stringify(JSON.parse(body).data))).size).toBe(1);
    expect((await counted(url, 'subgraph', 'shared')) - shared).toBe(4);
  });

  it('with both off, every request makes its own calls', async () => {
    const url = await startGateway({ queries: false, subgraphRequests: false });
    const calls = await callsDuring(() => sendTogether(url, Array.from({ length: 3 }, () => ({ query: BOOKS }))));
    expect(calls).toEqual({ catalog: 3, ratings: 3, votes: 0 });
  });
});
