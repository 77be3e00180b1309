import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emittedMetrics } from '../../../test-support/emf.ts';
import { errorCodesPlugin, operationResolutionPlugin } from '../graphql/plugins.ts';
import { createLogger } from '../observability/logger.ts';
import { recordCacheLookups } from '../observability/request-metrics.ts';
import { createHttpServer, type HttpService } from './http-server.ts';

let service: HttpService;
let base: string;
let written = '';

beforeAll(async () => {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { product: String, boom: String }',
    resolvers: {
      Query: {
        // As the entity cache counts a lookup of three products, two of them cached.
        product: () => (recordCacheLookups('Product', 2, 1), 'a product'),
        boom: () => {
          throw new Error('broken');
        },
      },
    },
    plugins: [operationResolutionPlugin, errorCodesPlugin],
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  service = createHttpServer({
    apollo,
    context: async () => ({}),
    readiness: async () => ({ ready: true, checks: {} }),
    logger: createLogger('test', 'silent'),
    bodyLimit: 1024,
    emf: { service: 'products', write: (text) => (written += text) },
  });
  await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => service.server.close(resolve)));

const post = (body: string) => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

/** The metrics of the next request's lines. */
async function metricsOf(send: () => Promise<Response>) {
  const from = written.length;
  await (await send()).text();
  await vi.waitFor(() => expect(written.length).toBeGreaterThan(from));
  return emittedMetrics(written.slice(from)).map(({ name, dimensions }) => ({ name, ...dimensions }));
}

describe('the HTTP front with embedded metrics on', () => {
  it('writes a request, its latency and its cache lookups, operations unnamed unless vouched for', async () => {
    expect(await metricsOf(() => post('{"query":"query ProductPage { product }"}'))).toEqual([
      { name: 'Requests', Service: 'products' },
      { name: 'Requests', Service: 'products', Operation: '(other)' },
      { name: 'Latency', Service: 'products' },
      { name: 'Latency', Service: 'products', Operation: '(other)' },
      { name: 'CacheHits', Service: 'products', Cache: 'Product' },
      { name: 'CacheMisses', Service: 'products', Cache: 'Product' },
    ]);
  });

  it('writes the code of each error the response carries', async () => {
    const metrics = await metricsOf(() => post('{"query":"{ boom }"}'));
    expect(metrics.filter((m) => m.name === 'Errors')).toEqual([
      { name: 'Errors', Service: 'products', Code: 'INTERNAL_SERVER_ERROR' },
      { name: 'Errors', Service: 'products', Operation: '(other)', Code: 'INTERNAL_SERVER_ERROR' },
    ]);
  });

  it('writes a body over the limit as refused, and writes nothing for other routes', async () => {
    const metrics = await metricsOf(() => post(JSON.stringify({ query: `{ product } #${'x'.repeat(2000)}` })));
    expect(metrics.filter((m) => m.name === 'Refused')).toEqual([{ name: 'Refused', Service: 'products', Reason: 'PAYLOAD_TOO_LARGE' }]);
    const before = written.length;
    await (await fetch(`${base}/health`)).text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written.length).toBe(before);
  });
});
