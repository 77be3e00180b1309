import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSupergraphPath } from '../../../schema/composition.ts';
import { composeSupergraph } from '../supergraph/composition.ts';
import { hasCostDirectives, readCostDirectives, type CostDirectives } from './cost-directives.ts';
import { operationCost } from './operation-cost.ts';

const fixture = (file: string) => new URL(`./fixtures/${file}`, import.meta.url).pathname;
const example = (file: string) => new URL(`../../../examples/two-subgraphs/${file}`, import.meta.url).pathname;

let supergraphSdl: string;
let api: GraphQLSchema;
let directives: CostDirectives;

beforeAll(async () => {
  // Composed by @apollo/composition, as `--config` and `rover supergraph compose` do.
  ({ supergraphSdl } = await composeSupergraph([
    { name: 'catalog', routingUrl: 'http://catalog/graphql', schema: { kind: 'file', path: fixture('costed-catalog.graphql') } },
    { name: 'ratings', routingUrl: 'http://ratings/graphql', schema: { kind: 'file', path: example('ratings.graphql') } },
  ]));
  api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  directives = readCostDirectives(supergraphSdl);
});

const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return operationCost(api, document, getOperationAST(document)!, variables, { defaultListSize: 10, directives });
};

describe('demand-control directives in a composed supergraph', () => {
  it('are carried by composition and read from the cost spec link', () => {
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    expect(Object.fromEntries(directives.typeWeights)).toEqual({ Book: 2 });
    expect(Object.fromEntries(directives.fieldWeights)).toEqual({ 'Book.summary': 5 });
    expect(Object.fromEntries(directives.argumentWeights)).toEqual({ 'Query.search(term)': 20 });
    expect(directives.listSizes.get('Query.books')).toEqual({ assumedSize: 3, requireOneSlicingArgument: true });
    expect(directives.listSizes.get('Query.page')).toEqual({ slicingArguments: ['first', 'last'], sizedFields: ['edges'], requireOneSlicingArgument: true });
  });

  it('follow renamed imports and a renamed spec', () => {
    const sdl = `schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/cost/v0.1", as: "demand", import: [{ name: "@listSize", as: "@size" }]) { query: Query }
      type Query { items: [Item] @size(assumedSize: 7) item: Item @demand(weight: 4) other: [Item] @listSize(assumedSize: 1) }
      type Item { id: ID }`;
    const read = readCostDirectives(sdl);
    expect(Object.fromEntries(read.listSizes)).toEqual({ 'Query.items': { assumedSize: 7, requireOneSlicingArgument: true } });
    expect(Object.fromEntries(read.fieldWeights)).toEqual({ 'Query.item': 4 });
  });

  it('are absent from a supergraph that does not link the cost spec', () => {
    expect(hasCostDirectives(readCostDirectives(readFileSync(defaultSupergraphPath, 'utf8')))).toBe(false);
  });
});

describe('operation cost with @cost and @listSize', () => {
  it('sizes a list by assumedSize and weighs objects and fields by @cost', () => {
    expect(cost('{ books { isbn } }')).toEqual({ cost: 3 * 2, problems: [] });
    expect(cost('{ books { summary } }').cost).toBe(3 * (2 + 5));
    expect(cost('{ book(isbn: "1") { title stars } }').cost).toBe(2);
  });

  it('sizes a connection\'s sizedFields by its slicing argument, the connection itself once', () => {
    // page 1 + 4 edges × (edge 1 + node 2)
    expect(cost('{ page(first: 4) { total edges { cursor node { title } } } }')).toEqual({ cost: 1 + 4 * (1 + 2), problems: [] });
    expect(cost('query($n: Int) { page(last: $n) { edges { node { isbn } } } }', { n: 2 }).cost).toBe(1 + 2 * 3);
    expect(cost('{ page(first: 4) { ...E } } fragment E on BookConnection { edges { node { isbn } } }').cost).toBe(1 + 4 * 3);
  });

  it('reports a field given other than exactly one slicing argument when it requires one', () => {
    expect(cost('{ page(first: 4, last: 2) { edges { cursor } } }')).toEqual({
      cost: 1 + 4,
      problems: ['Query.page needs exactly one of its slicing arguments (first, last), not 2'],
    });
    expect(cost('{ page { edges { cursor } } }').problems).toHaveLength(1);
  });

  it('adds argument weights, and falls back to assumedSize when no slicing argument is sent', () => {
    expect(cost('{ search(term: "dune") { isbn } }')).toEqual({ cost: 50 * 2 + 20, problems: [] });
    expect(cost('{ search(term: "dune", limit: 7) { isbn } }').cost).toBe(7 * 2 + 20);
  });
});
