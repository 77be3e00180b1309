import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../test-support/logger.ts';
import { post } from '../../../test-support/http.ts';
import { runService } from './service.ts';

describe('graceful drain', () => {
  it('finishes the requests in flight, refuses new connections, then closes the stores, without waiting for keep-alive', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const apollo = new ApolloServer({
      typeDefs: 'type Query { slow: String }',
      resolvers: {
        Query: {
          slow: async () => {
            arrived();
            await new Promise((resolve) => setTimeout(resolve, 500));
            return 'done';
          },
        },
      },
      logger: silentLogger,
    });
    const closed: string[] = [];
    const service = await runService({
      name: 'drain-test',
      port: 0,
      host: '127.0.0.1',
      apollo,
      logger: silentLogger,
      context: async () => ({}),
      readiness: async () => ({ ready: true, checks: {} }),
      close: async () => void closed.push('stores'),
    });
    const url = `http://127.0.0.1:${service.port}/graphql`;
    const slow = post(url, '{ slow }');
    await inFlight;
    const stopping = performance.now();
    const stopped = service.stop().then(() => closed.push('stopped'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`http://127.0.0.1:${service.port}/health`)).rejects.toThrow();
    expect(closed).toEqual([]);

    const { status, body } = await slow;
    expect([status, body.data]).toEqual([200, { slow: 'done' }]);
    await stopped;
    expect(closed).toEqual(['stores', 'stopped']);
    // The in-flight request's keep-alive connection does not hold the drain open.
    expect(performance.now() - stopping).toBeLessThan(2_000);
  });
});
