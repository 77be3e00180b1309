import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EntityClient } from './entity-client.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** An owner subgraph that answers every request with `status` and `body`. */
async function owner(status: number, body: unknown): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const check = (url: string) => new EntityClient('products', url).existing('Product', 'upc', ['1', '2']);

describe('EntityClient', () => {
  it('returns the keys the owner resolves', async () => {
    await expect(check(await owner(200, { data: { _entities: [{ upc: '1' }, null] } }))).resolves.toEqual(new Set(['1']));
  });

  it("fails with the owner's STORE_UNAVAILABLE when the owner's store cannot answer", async () => {
    const url = await owner(200, {
      data: { _entities: null },
      errors: [{ message: 'DynamoDB is unavailable to products; retry later', extensions: { code: 'STORE_UNAVAILABLE', retryable: true, store: 'dynamodb' } }],
    });
    await expect(check(url)).rejects.toMatchObject({ extensions: { code: 'STORE_UNAVAILABLE', retryable: true, store: 'dynamodb' } });
  });

  it('fails with SUBGRAPH_UNAVAILABLE when the owner answers 5xx or is not there', async () => {
    await expect(check(await owner(503, {}))).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'HTTP 503', serviceName: 'products' } });
    const url = await owner(200, {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(check(url)).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'unreachable', serviceName: 'products' } });
  });

  it("keeps any other error's code, marked remote, so a caller can tell a refusal from a fault (masking hides an internal one)", async () => {
    const url = await owner(200, { errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    await expect(check(url)).rejects.toThrow(/boom/);
    await expect(check(url)).rejects.toHaveProperty('extensions', { code: 'INTERNAL_SERVER_ERROR', remote: true });
  });
});
