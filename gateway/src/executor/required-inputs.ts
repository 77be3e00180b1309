import type { QueryPlanSelectionNode } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';
import { deepMerge } from './deep-merge.ts';
import type { AliasedRequire } from './requires-arguments.ts';
import { isObjectOfType } from './type-conditions.ts';

type Data = Record<string, unknown>;
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * An entity's representation for a fetch: the fields of the fetch's `requires` (key fields,
 * `@requires` inputs) taken from the data fetched so far; null when one is missing, since a
 * non-null input that failed leaves its entity unresolvable. Read with the supergraph schema:
 * inputs may be `@inaccessible`.
 */
export function representationOf(schema: GraphQLSchema, source: Data | null, selections: readonly QueryPlanSelectionNode[]): Data | null {
  if (source === null) return null;
  const result: Data = Object.create(null);
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      // A variant of the field fetched under an alias of its own (see requires-arguments.ts).
      const from = (selection as AliasedRequire).readFrom ?? name;
      const value = hasOwn.call(source, from) ? source[from] : undefined;
      if (value === undefined) return null;
      const inner = selection.selections;
      if (Array.isArray(value)) result[name] = value.map((item: unknown) => (inner ? representationOf(schema, item as Data | null, inner) : item));
      else result[name] = inner ? representationOf(schema, value as Data | null, inner) : value;
    } else if (selection.typeCondition && isObjectOfType(schema, source, selection.typeCondition)) {
      deepMerge(result, representationOf(schema, source, selection.selections));
    }
  }
  return result;
}

/** One inline fragment of flat fields: what the planner's `requires` of an entity fetch nearly always is. */
interface FlatFragment {
  typeCondition: string | undefined;
  /** Response name in the representation, and the field of the fetched data it is read from. */
  fields: { name: string; from: string }[];
}

const flatShapes = new WeakMap<readonly QueryPlanSelectionNode[], FlatFragment[] | null>();

/**
 * The `requires` as flat fragments when it is only inline fragments of leaf fields (keys,
 * scalar `@requires` inputs), so representations can be built without recursion; null otherwise.
 */
function flatShape(selections: readonly QueryPlanSelectionNode[]): FlatFragment[] | null {
  let shape = flatShapes.get(selections);
  if (shape !== undefined) return shape;
  shape = [];
  for (const selection of selections) {
    if (selection.kind !== 'InlineFragment' || selection.selections.some((s) => s.kind !== 'Field' || s.selections)) {
      shape = null;
      break;
    }
    shape.push({
      typeCondition: selection.typeCondition,
      fields: selection.selections.map((s) => {
        const field = s as AliasedRequire & { alias?: string; name: string };
        const name = field.alias ?? field.name;
        return { name, from: field.readFrom ?? name };
      }),
    });
  }
  flatShapes.set(selections, shape);
  return shape;
}

const matches = new WeakMap<GraphQLSchema, Map<string, boolean>>();

/** `isObjectOfType` for a typename, remembered per schema: the answer depends on the two names only. */
function typeMatches(schema: GraphQLSchema, typename: string, condition: string): boolean {
  if (typename === condition) return true;
  let known = matches.get(schema);
  if (!known) matches.set(schema, (known = new Map()));
  const key = `${typename}\u0000${condition}`;
  let found = known.get(key);
  if (found === undefined) known.set(key, (found = isObjectOfType(schema, { __typename: typename }, condition)));
  return found;
}

/** A scalar's part of a key: tagged and length-prefixed, so no two different values write the same text. */
function keyPart(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s${value.length}:${value}`;
    case 'number':
    case 'boolean':
      return `${typeof value}:${value};`;
    default:
      return value === null ? 'null;' : undefined;
  }
}

/**
 * An entity's representation and a key that is equal exactly when two representations are, for
 * `requires` of flat fragments whose values are scalars: the same result as `representationOf`
 * (a fragment with a field missing adds nothing, a later fragment's field replaces an earlier
 * one's), without recursion or JSON. Undefined when the fast path does not apply (another shape,
 * a value that is an object or a list): the caller takes the general one.
 */
export function flatRepresentationOf(schema: GraphQLSchema, source: Data, selections: readonly QueryPlanSelectionNode[]): { representation: Data; key: string } | undefined {
  const shape = flatShape(selections);
  if (!shape) return undefined;
  const typename = source.__typename;
  const representation: Data = Object.create(null);
  for (const fragment of shape) {
    // As representationOf: a fragment without a type condition adds nothing.
    if (fragment.typeCondition === undefined || typeof typename !== 'string' || !typeMatches(schema, typename, fragment.typeCondition)) continue;
    let complete = true;
    for (const { from } of fragment.fields) {
      if (!hasOwn.call(source, from) || source[from] === undefined) {
        complete = false;
        break;
      }
    }
    if (!complete) continue;
    for (const { name, from } of fragment.fields) representation[name] = source[from];
  }
  let key = '';
  for (const name in representation) {
    const part = keyPart(representation[name]);
    if (part === undefined) return undefined;
    key += `${name.length}:${name}=${part}`;
  }
  return { representation, key };
}
