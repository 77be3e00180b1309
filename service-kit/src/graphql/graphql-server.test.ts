import { HeaderMap } from '@apollo/server';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import { createGraphQLServer } from './graphql-server.ts';

describe('a subgraph in production', () => {
  it('serves no landing page to a browser (Apollo would load its own from its CDN)', async () => {
    const answer = async (production: boolean) => {
      const server = createGraphQLServer({ name: 'test', schema: buildSchema('type Query { hello: String }'), logger: createLogger('test', 'silent'), production });
      await server.start();
      try {
        const response = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'GET', headers: new HeaderMap([['accept', 'text/html,*/*;q=0.8']]), search: '', body: undefined },
          context: async () => ({}),
        });
        return response.headers.get('content-type');
      } finally {
        await server.stop();
      }
    };
    expect(await answer(false)).toBe('text/html');
    expect(await answer(true)).toContain('application/json');
  });
});
