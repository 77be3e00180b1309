import type { QueryPlanSelectionNode } from '@apollo/query-planner';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FlatRepresentations, GENERAL, representationOf, SKIP } from './required-inputs.ts';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Product implements Node { id: ID! upc: String! weight: Int sku: String }
  type User implements Node { id: ID! }
  type Query { node: Node }
`);
const field = (name: string, alias?: string): QueryPlanSelectionNode => ({ kind: 'Field', name, ...(alias ? { alias } : {}) });
const on = (typeCondition: string | undefined, ...selections: QueryPlanSelectionNode[]): QueryPlanSelectionNode => ({ kind: 'InlineFragment', typeCondition, selections });

const shapes: [string, QueryPlanSelectionNode[]][] = [
  ['a key', [on('Product', field('__typename'), field('upc'))]],
  ['a key and a @requires input', [on('Product', field('__typename'), field('upc'), field('weight'))]],
  ['two types', [on('Product', field('__typename'), field('upc')), on('User', field('__typename'), field('id'))]],
  ['an interface condition', [on('Node', field('__typename'), field('id'))]],
  ['overlapping fragments', [on('Product', field('__typename'), field('upc')), on('Node', field('__typename'), field('id'), field('upc'))]],
  ['no type condition', [on(undefined, field('__typename'), field('upc'))]],
];
const sources: Record<string, unknown>[] = [
  { __typename: 'Product', upc: '1', weight: 10, id: 'p1' },
  { __typename: 'Product', upc: '1', weight: null, id: 'p1' },
  { __typename: 'Product', upc: '1' },
  { __typename: 'User', id: 'u1' },
  { __typename: 'Product', weight: 5 },
  { upc: '1' },
  { __typename: 'Product', upc: '1', id: 'p1', extra: { nested: true } },
];

/** The index and representation FlatRepresentations gives each source, in order, on one instance. */
function indexAll(selections: QueryPlanSelectionNode[], list: Record<string, unknown>[]) {
  const flat = FlatRepresentations.for(schema, selections)!;
  const added: Record<string, unknown>[] = [];
  return { indexes: list.map((source) => flat.indexOf(source, (r) => added.push(r) - 1)), added };
}

describe('FlatRepresentations', () => {
  it('builds what representationOf builds, for every shape and source, and skips what it would skip', () => {
    for (const [name, selections] of shapes) {
      for (const source of sources) {
        const { indexes, added } = indexAll(selections, [source]);
        const general = representationOf(schema, source, selections);
        if (!general || !general.__typename) expect(indexes, `${name} ${JSON.stringify(source)}`).toEqual([SKIP]);
        else expect({ ...added[indexes[0]!] }, `${name} ${JSON.stringify(source)}`).toEqual({ ...general });
      }
    }
  });

  it('gives one index exactly to equal representations', () => {
    const product = (upc: unknown, weight: unknown) => ({ __typename: 'Product', upc, weight });
    const list = [product('1', 2), product('1', 2), product('1', '2'), product('12', 2), product('1', null), product('1:', 2), product('1', true), product('1', 2)];
    const { indexes, added } = indexAll(shapes[1]![1], list);
    expect(indexes).toEqual([0, 0, 1, 2, 3, 4, 5, 0]);
    expect(added).toHaveLength(6);
  });

  it('declines nested selections, and leaves object values to the general path', () => {
    expect(FlatRepresentations.for(schema, [on('Product', { kind: 'Field', name: 'dims', selections: [field('x')] })])).toBeUndefined();
    expect(indexAll(shapes[0]![1], [{ __typename: 'Product', upc: { a: 1 } }]).indexes).toEqual([GENERAL]);
  });
});
