import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import { operationResolutionPlugin } from '../graphql/plugins.ts';
import { createHttpServer, type HttpService } from './http-server.ts';

let service: HttpService;
let base: string;
let ready = true;

beforeAll(async () => {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String, boom: String }',
    resolvers: { Query: { hello: () => 'world', boom: () => { throw new Error('secret SQL detail'); } } },
    plugins: [operationResolutionPlugin],
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  service = createHttpServer({
    apollo,
    context: async () => ({}),
    readiness: async () => ({ ready, checks: { store: ready ? 'ok' : 'down' } }),
    logger: createLogger('test', 'silent'),
    bodyLimit: 1024,
  });
  await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => service.server.close(resolve)));

const postRaw = (body: string, contentType = 'application/json') =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('the shared HTTP front', () => {
  it('serves GraphQL over POST and GET', async () => {
    expect(await (await postRaw('{"query":"{ hello }"}')).json()).toEqual({ data: { hello: 'world' } });
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(await get.json()).toEqual({ data: { hello: 'world' } });
  });

  it('answers health, and readiness from its checks', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    ready = false;
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, checks: { store: 'down' } });
    ready = true;
    service.draining = true;
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    service.draining = false;
  });

  it('refuses bodies over the limit with 413', async () => {
    const response = await postRaw(JSON.stringify({ query: `{ hello } #${'x'.repeat(2000)}` }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers invalid JSON and invalid UTF-8 with 400', async () => {
    expect((await postRaw('{"query":')).status).toBe(400);
    const bytes = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(bytes.status).toBe(400);
    expect(await bytes.json()).toMatchObject({ errors: [{ message: 'Request body is not valid UTF-8' }] });
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/graphql`, { method: 'DELETE' })).status).toBe(405);
  });

  it('answers OPTIONS itself, with the methods allowed', async () => {
    const response = await fetch(`${base}/graphql`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS');
  });

  it('names an unknown operation, or a missing name, as a client error', async () => {
    const unknown = await postRaw(JSON.stringify({ query: 'query A { hello }', operationName: 'B' }));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errors: [{ message: 'Unknown operation named "B".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
    const subscription = await postRaw(JSON.stringify({ query: 'subscription { hello }' }));
    expect(subscription.status).toBe(400);
  });
});
