import { HeaderMap } from '@apollo/server';
import { buildSchema, GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { createGraphQLServer, maskErrors } from './graphql-server.ts';

const mask = maskErrors(createLogger('test', 'silent'));

describe('maskErrors', () => {
  it('keeps client errors as they are', () => {
    const formatted = { message: 'rating must be between 1 and 5', extensions: { code: 'BAD_USER_INPUT', field: 'rating' } };
    expect(mask(formatted, new GraphQLError(formatted.message))).toEqual(formatted);
  });

  it('hides internal errors behind a generic message', () => {
    const formatted = { message: 'relation "accounts.users" does not exist', path: ['users'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } };
    expect(mask(formatted, new Error(formatted.message))).toEqual({
      message: 'Internal server error',
      path: ['users'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps the message of an uncoded error Apollo answered with a 4xx, as BAD_REQUEST', () => {
    const error = new GraphQLError('Unsupported persisted query version', { extensions: { http: { status: 400 } } });
    expect(mask({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error)).toEqual({
      message: 'Unsupported persisted query version',
      extensions: { code: 'BAD_REQUEST' },
    });
  });
});

describe('a subgraph in production', () => {
  it('serves no landing page to a browser (Apollo would load its own from its CDN)', async () => {
    const answer = async (production: boolean) => {
      const server = createGraphQLServer({ schema: buildSchema('type Query { hello: String }'), logger: createLogger('test', 'silent'), production });
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
