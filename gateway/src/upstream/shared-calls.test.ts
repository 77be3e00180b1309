import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphAnswer } from './buffered-response.ts';
import { failureReason } from './subgraph-failure.ts';
import { SharedCalls } from './shared-calls.ts';
import { createSubgraphAgent, dispatchRequest, subgraphFetcher } from './subgraph-fetcher.ts';

const answer = (body: string): SubgraphAnswer => ({ status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body });

/** A call that answers after a tick, counting how often it ran. */
function countedCall() {
  const call = async () => {
    call.runs += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return answer(`{"data":{"run":${call.runs}}}`);
  };
  call.runs = 0;
  return call;
}

const QUERY = '{"query":"query Q__catalog__0{books{isbn}}","variables":{}}';

describe('SharedCalls', () => {
  it('shares identical query calls in flight, whatever their trace headers', async () => {
    const shared = new SharedCalls();
    const call = countedCall();
    const results = await Promise.all([
      shared.run('http://a/graphql', { 'content-type': 'application/json', traceparent: '00-1-1-01' }, QUERY, call),
      shared.run('http://a/graphql', { 'content-type': 'application/json', traceparent: '00-2-2-01', 'x-amzn-trace-id': 'Root=1-2-3' }, QUERY, call),
    ]);
    expect(call.runs).toBe(1);
    expect(results.map((r) => r.joined)).toEqual([false, true]);
    expect(results[1]!.answer).toBe(results[0]!.answer);
  });

  it('calls again for another subgraph, body or forwarded header', async () => {
    const shared = new SharedCalls();
    const call = countedCall();
    await Promise.all([
      shared.run('http://a/graphql', {}, QUERY, call),
      shared.run('http://b/graphql', {}, QUERY, call),
      shared.run('http://a/graphql', {}, QUERY.replace('isbn', 'title'), call),
      shared.run('http://a/graphql', { 'x-identity': 'signed-user-2' }, QUERY, call),
    ]);
    expect(call.runs).toBe(4);
  });

  it('never shares a mutation, nor anything it cannot tell is a query', async () => {
    const shared = new SharedCalls();
    const call = countedCall();
    const mutation = '{"query":"mutation M__votes__0{vote(isbn:\\"1\\")}"}';
    const apq = '{"extensions":{"persistedQuery":{"version":1}}}';
    await Promise.all([shared.run('http://a', {}, mutation, call), shared.run('http://a', {}, mutation, call), shared.run('http://a', {}, apq, call), shared.run('http://a', {}, apq, call)]);
    expect(call.runs).toBe(4);
  });
});

describe('the subgraph fetcher', () => {
  let server: Server;
  let url: string;
  let received = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      received += 1;
      const delay = Number(new URL(req.url!, 'http://x').searchParams.get('delay') ?? 0);
      req.resume();
      setTimeout(() => res.writeHead(req.url!.includes('fail') ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'max-age=30' }).end('{"data":{"ok":true}}'), delay);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers as a Fetch API response: status, headers, and a JSON body each caller parses for itself', async () => {
    const agent = createSubgraphAgent(1_000);
    const fetcher = subgraphFetcher(agent, 1_000, new SharedCalls());
    const before = received;
    const [first, second] = await Promise.all([0, 1].map(() => fetcher(`${url}?delay=20`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY })));
    expect(received - before).toBe(1);
    expect([first!.status, first!.ok, first!.headers.get('Cache-Control')]).toEqual([200, true, 'max-age=30']);
    const [a, b] = await Promise.all([first!.json(), second!.json()]);
    expect(a).toEqual({ data: { ok: true } });
    expect(a).not.toBe(b);
    const failed = await fetcher(`${url}?fail`, { method: 'POST', headers: {}, body: QUERY });
    expect([failed.status, failed.ok]).toEqual([503, false]);
    await agent.close();
  });

  it('times out a slow answer, and one still waiting for a connection, as `timed out`', async () => {
    // One connection only: the second request waits for the first one's socket.
    const pool = new Pool(new URL(url).origin, { connections: 1 });
    const slow = dispatchRequest(pool, new URL(`${url}?delay=1000`), {}, QUERY, 100);
    const queued = dispatchRequest(pool, new URL(`${url}?delay=1000`), {}, QUERY, 100);
    for (const outcome of await Promise.allSettled([slow, queued])) {
      expect(outcome.status).toBe('rejected');
      expect(failureReason((outcome as PromiseRejectedResult).reason)).toBe('timed out');
    }
    await pool.destroy();
  });

  it('tells a refused connection from a timeout', async () => {
    const agent = createSubgraphAgent(1_000);
    const error = await dispatchRequest(agent, new URL('http://127.0.0.1:1/graphql'), {}, QUERY, 1_000).catch((e: unknown) => e);
    expect(failureReason(error)).toBe('unreachable');
    await agent.close();
  });
});
