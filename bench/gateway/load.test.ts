import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runLoad } from './load.ts';

const reference = Buffer.from(`${JSON.stringify({ data: { text: 'x'.repeat(100_000) } })}\n`);
let served = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    served += 1;
    // Every fifth answer differs in its last byte, every tenth in its status.
    const wrongByte = served % 5 === 0 ? Buffer.concat([reference.subarray(0, -1), Buffer.from(' ')]) : reference;
    res.writeHead(served % 10 === 0 ? 500 : 200, { 'content-length': wrongByte.length });
    res.end(wrongByte);
  });
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('runLoad', () => {
  test('counts answers byte-identical to the reference, and hashes the others by kind', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const result = await runLoad({ url, concurrency: 4, durationMs: 300, body: () => Buffer.from('{}'), reference });
    expect(result.requests).toBeGreaterThan(10);
    expect(result.failures).toBe(0);
    expect(result.latenciesMs).toHaveLength(result.requests);
    const differing = Object.values(result.different).reduce((sum, n) => sum + n, 0);
    expect(result.identical + differing).toBe(result.requests);
    expect(result.identical).toBeGreaterThan(differing);
    // Two kinds: a wrong last byte with status 200, and the same with status 500.
    expect(Object.keys(result.different)).toHaveLength(2);
    expect(result.differentSample).toMatch(/^(200|500) \{"data"/);
    expect(result.loadCpuMsPerRequest).toBeGreaterThan(0);
  });

  test('counts requests that fail at the HTTP level', async () => {
    const result = await runLoad({ url: 'http://127.0.0.1:9/graphql', concurrency: 2, durationMs: 100, body: () => Buffer.from('{}'), reference });
    expect(result.requests).toBe(0);
    expect(result.failures).toBeGreaterThan(0);
  });
});
