import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { dedupKey, InFlight, isShareable, stringifySharedResult, type OperationIdentity } from './dedup.ts';

const schema = buildSchema('type Query { book(id: ID!): String, books: [String] } type Mutation { rate(id: ID!): Int }');
const operationOf = (source: string) => {
  const document = parse(source);
  return { document, operation: document.definitions[0] as OperationDefinitionNode };
};

const base: OperationIdentity = {
  schema,
  queryHash: 'a1',
  ...operationOf('query Book($id: ID!) { book(id: $id) }'),
  operationName: 'Book',
  variables: { id: '1' },
  viewer: { userId: '7' },
  forwarded: [{ 'x-tenant': 'north' }],
};

describe('dedupKey', () => {
  it('is the same for the same operation, viewer and forwarded headers', () => {
    expect(dedupKey({ ...base, variables: { id: '1' } })).toBe(dedupKey(base));
  });

  it.each<[string, Partial<OperationIdentity>]>([
    ['schema (a reload)', { schema: buildSchema('type Query { book(id: ID!): String }') }],
    ['document', { queryHash: 'b2' }],
    ['operation name', { operationName: 'Other' }],
    ['variables', { variables: { id: '2' } }],
    ['viewer', { viewer: { userId: '8' } }],
    ['anonymous viewer', { viewer: null }],
    ['forwarded headers', { forwarded: [{ 'x-tenant': 'south' }] }],
    ['no forwarded headers', { forwarded: undefined }],
  ])('changes with the %s', (_part, change) => {
    expect(dedupKey({ ...base, ...change })).not.toBe(dedupKey(base));
  });

  it('keeps each part apart: text moved from one part to the next is another key', () => {
    expect(dedupKey({ ...base, queryHash: 'a', operationName: '1Book' })).not.toBe(dedupKey({ ...base, queryHash: 'a1', operationName: 'Book' }));
  });
});

describe('isShareable', () => {
  it('shares plain queries, anonymous or named', () => {
    expect(isShareable(operationOf('{ books }'))).toBe(true);
    expect(isShareable(operationOf('query Books { books }'))).toBe(true);
  });

  it('never shares a mutation, a subscription or an incremental answer', () => {
    expect(isShareable(operationOf('mutation { rate(id: "1") }'))).toBe(false);
    expect(isShareable(operationOf('subscription { rated }'))).toBe(false);
    expect(isShareable(operationOf('{ ... @defer { books } }'))).toBe(false);
    expect(isShareable(operationOf('{ books @stream }'))).toBe(false);
  });
});

describe('InFlight', () => {
  it('runs overlapping calls under one key once, and runs again once it settled', async () => {
    const inFlight = new InFlight<number>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return runs;
    };
    const first = inFlight.run('k', work);
    const second = inFlight.run('k', work);
    const other = inFlight.run('other', work);
    expect([first.shared, second.shared, other.shared]).toEqual([false, true, false]);
    expect(await second.promise).toBe(await first.promise);
    await other.promise;
    expect(inFlight.size).toBe(0);
    expect(inFlight.run('k', work).shared).toBe(false);
  });

  it('shares a failure too, and forgets it', async () => {
    const inFlight = new InFlight<number>();
    const failing = () => Promise.reject(new Error('down'));
    const [a, b] = [inFlight.run('k', failing), inFlight.run('k', failing)];
    await expect(a.promise).rejects.toThrow('down');
    await expect(b.promise).rejects.toThrow('down');
    expect(inFlight.size).toBe(0);
  });
});

describe('stringifySharedResult', () => {
  const data = { books: ['SICP', 'Design Patterns'], nested: { a: [1, null, 'x"y'] } };

  it.each([
    ['data only', { data }],
    ['errors first, then data and extensions', { errors: [{ message: 'no', path: ['books', 1] }], data, extensions: { chattiness: { subgraphFetches: 2 } } }],
    ['null data', { errors: [{ message: 'no' }], data: null }],
    ['no data', { errors: [{ message: 'bad' }] }],
  ])('writes what Apollo Server writes (%s)', (_case, result) => {
    expect(stringifySharedResult(result)).toBe(`${JSON.stringify(result)}\n`);
  });

  it('writes a data object once, and each result’s own errors and extensions every time', () => {
    const first = stringifySharedResult({ data, extensions: { n: 1 } });
    // Were the data written again, this change would show.
    (data as { extra?: boolean }).extra = true;
    const second = stringifySharedResult({ errors: [{ message: 'mine' }], data, extensions: { n: 2 } });
    expect(first).toBe(`${JSON.stringify({ data: { books: data.books, nested: data.nested }, extensions: { n: 1 } })}\n`);
    expect(second).toBe(`{"errors":[{"message":"mine"}],"data":${JSON.stringify({ books: data.books, nested: data.nested })},"extensions":{"n":2}}\n`);
  });
});
