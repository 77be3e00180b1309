import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningService } from '@tributary/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../examples/two-subgraphs/catalog.ts';
import { ratings } from '../../../examples/two-subgraphs/ratings.ts';
import { writeExampleSupergraph } from '../../../test-support/example-supergraph.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { post } from '../../../test-support/http.ts';
import { serveSubgraph, type TestSubgraphServer } from '../../../test-support/subgraph-server.ts';
import { createGateway } from '../gateway.ts';
import type { GatewayOptions } from '../options.ts';
import { sha256 } from './persisted-operations.ts';

const example = (file: string) => new URL(`../../../examples/two-subgraphs/${file}`, import.meta.url).pathname;
const KNOWN = '{ books { title } }';

let dir: string;
const subgraphs: TestSubgraphServer[] = [];
const running: RunningService[] = [];
let strict: string;
let persisted: string;
let preloaded: string;

async function serve(options: GatewayOptions): Promise<string> {
  const service = await createGateway({ supergraphPath: join(dir, 'supergraph.graphql'), watch: false, logger: silentLogger, tracing: { enabled: false }, ...options }).listen({ port: 0, host: '127.0.0.1' });
  running.push(service);
  return service.url;
}

beforeAll(async () => {
  subgraphs.push(await serveSubgraph(catalog), await serveSubgraph(ratings));
  dir = await mkdtemp(join(tmpdir(), 'tributary-limits-'));
  await writeExampleSupergraph(dir, { catalog: subgraphs[0]!.url, ratings: subgraphs[1]!.url });
  await writeFile(join(dir, 'operations.json'), JSON.stringify({ [sha256(KNOWN)]: KNOWN }));
  strict = await serve({
    introspection: false,
    limits: { maxDepth: 2, maxAliases: 2, maxTokens: 40, maxDocumentBytes: 300, maxDirectives: 1, maxCost: 20, maxBatchSize: 2 },
    rateLimit: { perSecond: 1, burst: 1000 },
    corsAllowedOrigins: ['https://shop.example.com'],
  });
  persisted = await serve({ persistedOperationsPath: join(dir, 'operations.json') });
  preloaded = await serve({ persistedOperationsPath: join(dir, 'operations.json'), persistedOperationsOnly: false });
});

afterAll(async () => {
  for (const service of running) await service.stop();
  for (const subgraph of subgraphs) await subgraph[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const raw = (url: string, init: RequestInit) => fetch(url, init).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.json() }));

describe('abuse limits, before planning', () => {
  it('answers an operation within every limit', async () => {
    const { status, body } = await post(strict, '{ books { title stars } }');
    expect(status).toBe(200);
    expect(body.data.books).toHaveLength(3);
  });

  it.each([
    ['{ books { title } } '.padEnd(320, '#'), 'GRAPHQL_VALIDATION_FAILED', 'The document is 320 bytes, more than the limit of 300'],
    [`{ books { ${'title '.repeat(40)} } }`, 'GRAPHQL_PARSE_FAILED', 'Syntax Error: Document contains more that 40 tokens. Parsing aborted.'],
    ['{ a: books { title } b: books { title } c: books { title } }', 'GRAPHQL_VALIDATION_FAILED', 'The document has 3 aliases, more than the limit of 2'],
    ['{ book(isbn: "1") { ...B } } fragment B on Book { title @include(if: true) year @skip(if: false) }', 'GRAPHQL_VALIDATION_FAILED', 'The document has 2 directives, more than the limit of 1'],
  ])('refuses %j with %s and HTTP 400', async (query, code, message) => {
    const { status, body } = await post(strict, query);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(body.errors?.[0]?.message).toBe(message);
  });

  it('counts nesting depth through fragments', async () => {
    const strictDepth = await serve({ limits: { maxDepth: 1 } });
    const { status, body } = await post(strictDepth, '{ ...Q } fragment Q on Query { books { title } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe('The operation nests fields 2 deep, more than the limit of 1');
  });

  it('refuses an operation costing too much with QUERY_TOO_COMPLEX, before any subgraph is asked', async () => {
    const before = subgraphs[0]!.received.length;
    // Two lists without a size count 10 objects each, and one book 1.
    const { status, body } = await post(strict, '{ books { isbn } a: books { isbn } book(isbn: "1") { isbn } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^The operation costs 21, more than the limit of 20/),
      extensions: { code: 'QUERY_TOO_COMPLEX', cost: 21, maxCost: 20 },
    });
    expect(subgraphs[0]!.received.length).toBe(before);
  });

  it('bounds batches: two operations run, three get 400, and batching is off by default', async () => {
    const batch = (n: number, url = strict) =>
      raw(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ books { isbn } }' }))) });
    const two = await batch(2);
    expect(two.status).toBe(200);
    expect(two.body).toHaveLength(2);
    const three = await batch(3);
    expect(three.status).toBe(400);
    expect(three.body.errors[0]).toMatchObject({ message: 'A batch may carry at most 2 operations, not 3', extensions: { code: 'BAD_REQUEST' } });
    const off = await batch(2, persisted);
    expect(off.status).toBe(400);
    expect(off.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('hides field suggestions when introspection is off', async () => {
    const { status, body } = await post(strict, '{ books { titel } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe('Cannot query field "titel" on type "Book".');
    const introspection = await post(strict, '{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
  });

  it('keeps CSRF prevention on: GETs and simple POSTs need a preflight header', async () => {
    const simple = await raw(strict, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: KNOWN }) });
    expect(simple.status).toBe(400);
    expect(simple.body.errors[0].message).toContain('Cross-Site Request Forgery');
    const get = await raw(`${strict}?query=${encodeURIComponent(KNOWN)}`, {});
    expect(get.status).toBe(400);
    const preflighted = await raw(`${strict}?query=${encodeURIComponent(KNOWN)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });

  it('answers CORS preflights from allowed origins only, never with a wildcard and credentials', async () => {
    const preflight = (origin: string) =>
      fetch(strict, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });
    const allowed = await preflight('https://shop.example.com');
    expect(allowed.status).toBe(204);
    expect(Object.fromEntries(allowed.headers)).toMatchObject({
      'access-control-allow-origin': 'https://shop.example.com',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, authorization',
      vary: 'Origin',
    });
    const refused = await preflight('https://evil.example.net');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const response = await fetch(strict, { method: 'POST', headers: { origin: 'https://shop.example.com', 'content-type': 'application/json' }, body: JSON.stringify({ query: KNOWN }) });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client has spent its burst, each client its own bucket', async () => {
    // Behind one trusted proxy, the client is the address that proxy saw (the last X-Forwarded-For entry).
    const limited = await serve({ rateLimit: { perSecond: 0.5, burst: 3, trustedProxyHops: 1 } });
    const from = (address: string) => post(limited, KNOWN, undefined, { 'x-forwarded-for': `203.0.113.9, ${address}` });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await from('198.51.100.1')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await from('198.51.100.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Too many requests: retry in \d+ s$/), extensions: { code: 'RATE_LIMITED' } });
    expect((await from('198.51.100.2')).status).toBe(200);
  });

  // What a forger cannot do is covered by the infra: only CloudFront reaches the ALB, only the ALB
  // the gateway. A forged header from a direct connection must not buy a fresh bucket either.
  it.each([
    ['no trusted proxy: every entry ignored', 0, ['203.0.113.3', '198.51.100.9, 10.0.0.2', undefined]],
    ['CloudFront and an ALB trusted but skipped: fewer entries than hops', 2, ['203.0.113.3', '198.51.100.9', undefined]],
  ] as const)('keeps a direct caller in its own bucket when it forges X-Forwarded-For, %s', async (_, trustedProxyHops, forgeries) => {
    const limited = await serve({ rateLimit: { perSecond: 0.1, burst: 2, trustedProxyHops } });
    const forging = (forwardedFor?: string) => post(limited, KNOWN, undefined, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});
    expect([(await forging('203.0.113.1')).status, (await forging('203.0.113.2')).status]).toEqual([200, 200]);
    for (const forged of forgeries) expect((await forging(forged)).status, String(forged)).toBe(429);
  });
});

describe('persisted-only mode', () => {
  it('runs a known operation by hash or by its text', async () => {
    const byHash = await raw(persisted, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(KNOWN) } } }),
    });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data.books).toHaveLength(3);
    expect((await post(persisted, KNOWN)).status).toBe(200);
  });

  it('refuses any other operation with 400 and PERSISTED_QUERY_NOT_FOUND, registering nothing', async () => {
    const other = '{ books { isbn } }';
    const unknown = await post(persisted, other);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]).toMatchObject({ message: `This gateway runs only persisted operations, and ${sha256(other)} is not one of them`, extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const register = await raw(persisted, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: other, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(other) } } }),
    });
    expect(register.status).toBe(400);
    const hashOnly = await raw(persisted, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(other) } } }),
    });
    expect(hashOnly.status).toBe(400);
    expect(hashOnly.body.errors[0]).toMatchObject({ message: unknown.body.errors?.[0]?.message, extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  });
});

describe('preload mode (persistedOperationsOnly: false)', () => {
  const byHash = (url: string, hash: string) =>
    raw(`${url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });

  it("knows the manifest's hashes before any client registered them", async () => {
    const first = await byHash(preloaded, sha256(KNOWN));
    expect(first.status).toBe(200);
    expect(first.body.data.books).toHaveLength(3);
  });

  it('still runs and registers other operations as automatic persisted queries', async () => {
    const other = '{ books { isbn } }';
    expect((await post(preloaded, other)).body.data.books).toHaveLength(3);
    const unknown = '{ books { title isbn } }';
    const miss = await byHash(preloaded, sha256(unknown));
    expect(miss.body.errors?.[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const registered = await raw(preloaded, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: unknown, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(unknown) } } }),
    });
    expect(registered.status).toBe(200);
    expect((await byHash(preloaded, sha256(unknown))).body.data.books).toHaveLength(3);
  });
});
