import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import { StoreUnavailableError } from '../subgraph/stores/store-unavailable.ts';
import { maskErrors } from './error-masking.ts';

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

  it('gives an unavailable store as STORE_UNAVAILABLE, retryable, with the store and the service, no driver detail', () => {
    const error = new StoreUnavailableError('postgres', new Error('connect ECONNREFUSED 10.0.3.7:5432'));
    const formatted = { message: error.message, path: ['_entities', 0, 'reviews'], extensions: { ...error.extensions } };
    expect(maskErrors(createLogger('reviews', 'silent'), 'reviews')(formatted, error)).toEqual({
      message: 'PostgreSQL is unavailable to reviews; retry later',
      path: ['_entities', 0, 'reviews'],
      extensions: { code: 'STORE_UNAVAILABLE', retryable: true, store: 'postgres', serviceName: 'reviews' },
    });
  });

  it('passes STORE_UNAVAILABLE from a subgraph through the gateway with that subgraph as its service', () => {
    const formatted = {
      message: 'DynamoDB is unavailable to inventory; retry later',
      path: ['topProducts', 2, 'inStock'],
      extensions: { code: 'STORE_UNAVAILABLE', retryable: true, store: 'dynamodb', serviceName: 'inventory' },
    };
    expect(mask(formatted, new GraphQLError(formatted.message))).toEqual(formatted);
  });
});
