import type { QueryPlanSelectionNode } from '@apollo/query-planner';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { flatRepresentationOf, representationOf } from './required-inputs.ts';

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

describe('flatRepresentationOf', () => {
  it('builds what representationOf builds, for every shape and source', () => {
    for (const [, selections] of shapes) {
      for (const source of sources) {
        const fast = flatRepresentationOf(schema, source, selections);
        const general = representationOf(schema, source, selections);
        expect(fast, JSON.stringify({ selections, source })).toBeDefined();
        expect({ ...fast!.representation }).toEqual({ ...general });
      }
    }
  });

  it('gives equal keys exactly to equal representations', () => {
    const selections = shapes[1]![1];
    const keyOf = (source: Record<string, unknown>) => flatRepresentationOf(schema, { __typename: 'Product', ...source }, selections)!.key;
    expect(keyOf({ upc: '1', weight: 2 })).toBe(keyOf({ upc: '1', weight: 2 }));
    const distinct = [{ upc: '1', weight: 2 }, { upc: '1', weight: '2' }, { upc: '12', weight: 2 }, { upc: '1', weight: null }, { upc: '1:', weight: 2 }, { upc: '1', weight: true }];
    expect(new Set(distinct.map(keyOf)).size).toBe(distinct.length);
  });

  it('declines nested selections and object values, which take the general path', () => {
    expect(flatRepresentationOf(schema, { __typename: 'Product', upc: '1' }, [on('Product', { kind: 'Field', name: 'dims', selections: [field('x')] })])).toBeUndefined();
    expect(flatRepresentationOf(schema, { __typename: 'Product', upc: { a: 1 } }, shapes[0]![1])).toBeUndefined();
  });
});
