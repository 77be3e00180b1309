import type { ResponsePath } from '@apollo/query-planner';

export type Data = Record<string, unknown>;

/** Where a plan node works: a path into the fetched data and the objects found there. */
export interface Cursor {
  path: ResponsePath;
  /** One object, or every object the path's `@` (list) steps reach, flattened. */
  data: Data | Data[];
  root: Data;
}

const hasOwn = Object.prototype.hasOwnProperty;

function flatten(value: unknown, path: ResponsePath, from: number, into: unknown[]): void {
  if (value === undefined || value === null) return;
  if (from === path.length) {
    into.push(value);
    return;
  }
  const step = path[from];
  if (step === '@') {
    for (const item of value as unknown[]) flatten(item, path, from + 1, into);
  } else {
    flatten(hasOwn.call(value, step as string) ? (value as Data)[step as string] : undefined, path, from + 1, into);
  }
}

/** The cursor `path` further into `cursor`, or none when nothing is there. */
export function moveInto(cursor: Cursor, path: ResponsePath): Cursor | undefined {
  if (path.length === 0) return cursor;
  if (!path.includes('@') && !Array.isArray(cursor.data)) {
    let value: unknown = cursor.data;
    for (const step of path) value = value == null ? undefined : hasOwn.call(value, step as string) ? (value as Data)[step as string] : undefined;
    return value == null ? undefined : { path: [...cursor.path, ...path], data: value as Data, root: cursor.root };
  }
  const found: unknown[] = [];
  const starts = Array.isArray(cursor.data) ? cursor.data : [cursor.data];
  for (const start of starts) flatten(start, path, 0, found);
  return { path: [...cursor.path, ...path], data: found as Data[], root: cursor.root };
}

/**
 * The paths in the client's answer of every object a cursor's path reaches, in order, as
 * `@apollo/gateway` numbers them for the errors of an entity fetch.
 */
export function hydratedPaths(path: ResponsePath, root: Data): ResponsePath[] {
  const result: ResponsePath[] = [];
  const walk = (parent: ResponsePath, at: number, data: unknown): void => {
    if (data == null) return;
    if (at === path.length) {
      result.push(parent.slice());
      return;
    }
    const head = path[at]!;
    if (head === '@' || Array.isArray(data)) {
      (data as unknown[]).forEach((value, i) => {
        parent.push(i);
        walk(parent, head === '@' ? at + 1 : at, value);
        parent.pop();
      });
    } else if (hasOwn.call(data, head as string)) {
      parent.push(head);
      walk(parent, at + 1, (data as Data)[head as string]);
      parent.pop();
    }
  };
  walk([], 0, root);
  return result;
}
