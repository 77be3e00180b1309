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

/** `FlatRepresentations.indexOf`: the entity has nothing to fetch. */
export const SKIP = -1;
/** `FlatRepresentations.indexOf`: the general path must take the entity. */
export const GENERAL = -2;

/**
 * Distinct representations of one entity fetch whose `requires` is flat fragments (see
 * flatShape), found without building a representation or a key for each entity: a trie on which
 * fragments matched, then on each field's value (SameValueZero, so 1 and "1" stay apart). Only a
 * new representation is built, exactly as `representationOf` builds it: a fragment with a field
 * missing adds nothing, a later fragment's field replaces an earlier one's.
 */
export class FlatRepresentations {
  private readonly shape: FlatFragment[];
  private readonly schema: GraphQLSchema;
  private readonly trie = new Map<unknown, unknown>();

  private constructor(schema: GraphQLSchema, shape: FlatFragment[]) {
    this.schema = schema;
    this.shape = shape;
  }

  /** For `requires` of flat fragments (at most 30 of them); undefined for any other shape. */
  static for(schema: GraphQLSchema, selections: readonly QueryPlanSelectionNode[]): FlatRepresentations | undefined {
    const shape = flatShape(selections);
    return shape && shape.length <= 30 ? new FlatRepresentations(schema, shape) : undefined;
  }

  /**
   * The index of this entity's representation: found in the trie, or given by `add` to the new
   * representation built for it. SKIP when it has no `__typename` (nothing to fetch), GENERAL
   * when a value is an object or a list (the general path takes it).
   */
  indexOf(source: Data, add: (representation: Data) => number): number {
    const typename = source.__typename;
    let mask = 0;
    for (let i = 0; i < this.shape.length; i++) {
      const fragment = this.shape[i]!;
      if (fragment.typeCondition === undefined || typeof typename !== 'string' || !typeMatches(this.schema, typename, fragment.typeCondition)) continue;
      let complete = true;
      for (const { from } of fragment.fields) {
        const value = hasOwn.call(source, from) ? source[from] : undefined;
        if (value === undefined) {
          complete = false;
          break;
        }
        if (typeof value === 'object' && value !== null) return GENERAL;
      }
      if (complete) mask |= 1 << i;
    }
    let node = this.trie;
    let key: unknown = mask;
    for (let i = 0; i < this.shape.length; i++) {
      if (!(mask & (1 << i))) continue;
      for (const { from } of this.shape[i]!.fields) {
        let next = node.get(key) as Map<unknown, unknown> | undefined;
        if (!next) node.set(key, (next = new Map()));
        node = next;
        key = source[from];
      }
    }
    const found = node.get(key);
    if (found !== undefined) return found as number;
    const representation: Data = Object.create(null);
    for (let i = 0; i < this.shape.length; i++) {
      if (mask & (1 << i)) for (const { name, from } of this.shape[i]!.fields) representation[name] = source[from];
    }
    // As representationOf's caller: no __typename (or an empty one), nothing to fetch.
    if (!representation.__typename) return SKIP;
    const index = add(representation);
    node.set(key, index);
    return index;
  }
}
