import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { buildASTSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { benchmarkQueryPath } from '../../../test-support/config.ts';
import { operationCost } from './operation-cost.ts';
import { defaultSupergraphPath } from '../../../schema/composition.ts';
import { acknowledgeSubgraphAuthorization } from '../supergraph/subgraph-authorization.ts';

const schema = buildASTSchema(parse('type Query { users(first: Int = 10): [User!]! user(id: ID!): User } type User { name: String, reviews(first: Int = 5): [Review!]!, friends: [User!]! } type Review { body: String, author: User }'));

const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return operationCost(schema, document, getOperationAST(document)!, variables, { defaultListSize: 10 }).cost;
};

describe('operation cost', () => {
  it('counts 1 per object and nothing for scalars', () => {
    expect(cost('{ user(id: 1) { name } }')).toBe(1);
    expect(cost('{ __typename user(id: 1) { __typename name } }')).toBe(1);
  });

  it('multiplies by `first` as sent, as a variable, or by the schema default', () => {
    expect(cost('{ users(first: 3) { name } }')).toBe(3);
    expect(cost('query($n: Int) { users(first: $n) { name } }', { n: 7 })).toBe(7);
    expect(cost('{ users { name } }')).toBe(10);
  });

  it('multiplies nested lists; lists without a size count the default', () => {
    // 2 users, 2 × 5 reviews, 10 authors
    expect(cost('{ users(first: 2) { reviews { author { name } } } }')).toBe(2 + 10 + 10);
    expect(cost('{ user(id: 1) { friends { friends { name } } } }')).toBe(1 + 10 + 100);
  });

  it('costs a fragment bomb in linear time', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on User { friends { ...F${i + 1} ...F${i + 1} } }`).join('\n');
    const value = cost(`{ user(id: 1) { ...F0 } } ${fragments} fragment F40 on User { name }`);
    expect(value).toBeGreaterThan(1e40);
  });

  it('prices the federation benchmark query at 3415 on the storefront supergraph', () => {
    const document = parse(readFileSync(benchmarkQueryPath, 'utf8'));
    // Built by graphql's CommonJS copy, as the gateway's schema is, while this module uses its ES one.
    const api = Supergraph.build(acknowledgeSubgraphAuthorization(readFileSync(defaultSupergraphPath, 'utf8'))).apiSchema().toGraphQLJSSchema();
    expect(operationCost(api, document, getOperationAST(document)!, {}, { defaultListSize: 10 }).cost).toBe(3415);
  });
});
