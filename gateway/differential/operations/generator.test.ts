import { parse, validate, visit } from 'graphql';
import { describe, expect, test } from 'vitest';
import { fixtures } from '../fixtures/fixtures.ts';
import { apiSchemaOf, composeFixture } from '../fixtures/serve-fixture.ts';
import { generateOperations } from './generator.ts';

const schemaOf = (name: string) => {
  const fixture = fixtures.find((f) => f.name === name)!;
  return { fixture, schema: apiSchemaOf(composeFixture(fixture, Object.fromEntries(fixture.subgraphs.map((s) => [s.name, 'http://127.0.0.1:9/graphql'])))) };
};

describe('generateOperations', () => {
  const { fixture, schema } = schemaOf('abstract-types');
  const options = { seed: 7, count: 40, argumentValues: fixture.argumentValues };

  test('makes the same operations from the same seed, and others from another', () => {
    const once = generateOperations(schema, options);
    expect(generateOperations(schema, options)).toEqual(once);
    expect(generateOperations(schema, { ...options, seed: 8 }).map((o) => o.query)).not.toEqual(once.map((o) => o.query));
  });

  test('makes the count asked for, distinct, each valid against the API schema', () => {
    const operations = generateOperations(schema, options);
    expect(operations).toHaveLength(40);
    expect(new Set(operations.map((o) => o.query)).size).toBe(40);
    for (const operation of operations) expect(validate(schema, parse(operation.query)), operation.query).toEqual([]);
  });

  test('names each operation with its index, count and seed', () => {
    expect(generateOperations(schema, { ...options, count: 2 }).map((o) => o.name)).toEqual(['generated 1/2 (seed 7)', 'generated 2/2 (seed 7)']);
  });

  test('uses aliases, both kinds of fragments, __typename, @skip/@include and variables', () => {
    const seen = new Set<string>();
    for (const { query, variables } of generateOperations(schema, { ...options, count: 60 })) {
      if (variables) seen.add('variables');
      visit(parse(query), {
        Field: (node) => {
          if (node.alias) seen.add('alias');
          if (node.name.value === '__typename') seen.add('__typename');
          for (const d of node.directives ?? []) seen.add(`@${d.name.value}`);
        },
        InlineFragment: () => void seen.add('inline fragment'),
        FragmentSpread: () => void seen.add('named fragment'),
      });
    }
    expect([...seen].sort()).toEqual(['@include', '@skip', '__typename', 'alias', 'inline fragment', 'named fragment', 'variables']);
  });

  test('asks for the same field twice with other arguments under two aliases', () => {
    const twice = generateOperations(schema, { ...options, count: 80 }).some(({ query }) => /a\d+: search\([^)]*\)[^]*b\d+: search\(/.test(query));
    expect(twice).toBe(true);
  });

  test('stays within the depth asked for', () => {
    for (const { query } of generateOperations(schema, { ...options, maxDepth: 2 })) {
      let depth = 0;
      let deepest = 0;
      visit(parse(query), {
        SelectionSet: { enter: () => void (deepest = Math.max(deepest, ++depth)), leave: () => void depth-- },
        FragmentDefinition: () => false,
      });
      expect(deepest, query).toBeLessThanOrEqual(2);
    }
  });
});
