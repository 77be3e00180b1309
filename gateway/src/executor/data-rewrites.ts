import type { FetchDataRewrite } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';
import { isObjectOfType } from './type-conditions.ts';

type Data = Record<string, unknown>;
const FRAGMENT_PREFIX = '... on ';

/**
 * The planner's rewrites of a fetch's inputs or outputs (an `@interfaceObject`'s `__typename`
 * set to the interface, a field renamed back from its alias), as `@apollo/gateway` applies them.
 */
export function applyRewrites(schema: GraphQLSchema, rewrites: FetchDataRewrite[] | undefined, value: Data): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    if (rewrite.path.length === 0) continue;
    const parent = rewrite.path.slice(0, -1);
    const field = rewrite.path[rewrite.path.length - 1]!;
    applyAt(schema, parent, value, (object) => {
      if (rewrite.kind === 'ValueSetter') {
        object[field] = rewrite.setValueTo;
      } else {
        const found = Object.prototype.hasOwnProperty.call(object, field) ? object[field] : undefined;
        if (found) {
          object[rewrite.renameKeyTo] = found;
          object[field] = undefined;
        }
      }
    });
  }
}

function applyAt(schema: GraphQLSchema, path: string[], value: unknown, apply: (object: Data) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) applyAt(schema, path, item, apply);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (path.length === 0) {
    apply(value as Data);
    return;
  }
  const [first, ...rest] = path as [string, ...string[]];
  if (first.startsWith(FRAGMENT_PREFIX)) {
    // Objects without a __typename are rewritten too, as Apollo does.
    if (isObjectOfType(schema, value as Data, first.slice(FRAGMENT_PREFIX.length), true)) applyAt(schema, rest, value, apply);
  } else {
    applyAt(schema, rest, Object.prototype.hasOwnProperty.call(value, first) ? (value as Data)[first] : undefined, apply);
  }
}
