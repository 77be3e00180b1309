import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { errorCodes, failedAt, fieldErrors, generalErrors, traceIdOf } from './errors.ts';

const TRACE = '1-6b0e97c2-7f01e1c486234424ac228b1f';
const unavailable = (path: (string | number)[]) => ({ message: 'inventory is unavailable', path, extensions: { code: 'SUBGRAPH_UNAVAILABLE', traceId: TRACE } });

describe('GraphQL errors as the pages show them', () => {
  it('finds the trace id in the errors, else in the X-Amzn-Trace-Id header', () => {
    expect(traceIdOf(new CombinedError({ graphQLErrors: [unavailable(['topProducts', 0, 'inStock'])] }))).toBe(TRACE);
    const response = new Response(null, { status: 502, headers: { 'x-amzn-trace-id': `Root=${TRACE};Sampled=1` } });
    expect(traceIdOf(new CombinedError({ networkError: new Error('Bad Gateway'), response }))).toBe(TRACE);
    expect(traceIdOf(new CombinedError({ networkError: new Error('offline') }))).toBeUndefined();
    expect(traceIdOf(undefined)).toBeUndefined();
  });

  it('tells which fields a subgraph failed to answer', () => {
    const error = new CombinedError({ graphQLErrors: [unavailable(['topProducts', 2, 'inStock'])] });
    expect(failedAt(error, ['topProducts', 2, 'inStock'])).toBe(true);
    expect(failedAt(error, ['topProducts', 2])).toBe(true);
    expect(failedAt(error, ['topProducts', 1, 'inStock'])).toBe(false);
    expect(failedAt(undefined, ['topProducts'])).toBe(false);
    expect(errorCodes(error)).toEqual(['SUBGRAPH_UNAVAILABLE']);
  });

  it('puts BAD_USER_INPUT at its field and the rest in the notice', () => {
    const error = new CombinedError({
      graphQLErrors: [
        { message: 'body must be 1 to 5,000 characters', extensions: { code: 'BAD_USER_INPUT', field: 'body' } },
        { message: 'a second body error', extensions: { code: 'BAD_USER_INPUT', field: 'body' } },
        { message: 'Reviews need an account', extensions: { code: 'FORBIDDEN' } },
      ],
    });
    expect(fieldErrors(error)).toEqual({ body: 'body must be 1 to 5,000 characters' });
    expect(generalErrors(error).map((e) => e.message)).toEqual(['Reviews need an account']);
  });
});
