import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamo } from './dynamodb.ts';

const THROTTLED = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  message: 'The level of configured provisioned throughput for the table was exceeded.',
});
const ITEM = JSON.stringify({ Item: { upc: { S: '1' }, quantity: { N: '7' } } });

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A DynamoDB endpoint that throttles the first `throttled` requests, then answers GetItem. */
async function fakeEndpoint(throttled: number) {
  const seen = { requests: 0 };
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.requests += 1;
      const status = seen.requests <= throttled ? 400 : 200;
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(status === 400 ? THROTTLED : ITEM);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('DynamoDB throttling', () => {
  it('is retried with backoff until the command succeeds', async () => {
    const { endpoint, seen } = await fakeEndpoint(2);
    const dynamo = createDynamo({ region: 'us-east-1', endpoint, maxAttempts: 3 });
    const output = await dynamo.doc.send(new GetCommand({ TableName: 'inventory', Key: { upc: '1' } }));
    expect(output.Item).toEqual({ upc: '1', quantity: 7 });
    expect(seen.requests).toBe(3);
    dynamo.close();
  });

  it('gives up after maxAttempts with STORE_UNAVAILABLE, the throttling error as its cause', async () => {
    const { endpoint, seen } = await fakeEndpoint(Infinity);
    const dynamo = createDynamo({ region: 'us-east-1', endpoint, maxAttempts: 2 });
    await expect(dynamo.doc.send(new GetCommand({ TableName: 'inventory', Key: { upc: '1' } }))).rejects.toMatchObject({
      extensions: { code: 'STORE_UNAVAILABLE', retryable: true, store: 'dynamodb' },
      originalError: { name: 'ProvisionedThroughputExceededException' },
    });
    expect(seen.requests).toBe(2);
    dynamo.close();
  });

  it('fails an attempt that gets no answer within the request timeout', async () => {
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dynamo = createDynamo({ region: 'us-east-1', endpoint, maxAttempts: 1, requestTimeoutMs: 200 });
    const started = performance.now();
    const outcome = await dynamo.doc.send(new GetCommand({ TableName: 'inventory', Key: { upc: '1' } })).catch((error: Error) => error);
    server.closeAllConnections();
    dynamo.close();
    expect(outcome).toMatchObject({ extensions: { code: 'STORE_UNAVAILABLE' }, originalError: { name: 'TimeoutError' } });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
