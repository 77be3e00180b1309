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
