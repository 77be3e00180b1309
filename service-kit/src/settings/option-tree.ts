import type { z } from 'zod';
import type { Setting, SettingPattern } from './settings.ts';

type Rows = Record<string, Setting>;
type Patterns = Record<string, SettingPattern>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Nest<P extends string, V> = P extends `${infer Head}.${infer Tail}` ? { [K in Head]: Nest<Tail, V> } : { [K in P]: V };
type NestOptional<P extends string, V> = P extends `${infer Head}.${infer Tail}` ? { [K in Head]?: NestOptional<Tail, V> } : { [K in P]?: V };
type Valueless = Record<never, never>;
type Flatten<T> = [T] extends [never] ? Valueless : T;

/** Top-level option groups with a member that has no default (e.g. `authentication`): defaulted only when given. */
type PartialGroups<R extends Rows> = {
  [K in keyof R]: R[K] extends { option: `${infer Group}.${string}` } ? (R[K] extends { default: unknown } ? never : Group) : never;
}[keyof R];

type DefaultOf<R extends Rows, K extends keyof R> = R[K] extends { option: infer P extends string; default: unknown }
  ? P extends `${PartialGroups<R>}.${string}`
    ? P extends `${infer Group}.${infer Rest}` ? { [G in Group]?: Nest<Rest, z.output<R[K]['type']>> } : never
    : Nest<P, z.output<R[K]['type']>>
  : never;
/** The defaults, nested by option path: `{ limits: { maxDepth: number, … }, … }`. */
export type DefaultsOf<R extends Rows> = Flatten<UnionToIntersection<{ [K in keyof R]: DefaultOf<R, K> }[keyof R]>>;

type OptionOf<R extends Rows, K extends keyof R> = R[K] extends { option: infer P extends string; optionOnly?: undefined }
  ? NestOptional<P, z.output<R[K]['type']>>
  : never;
type PatternOptionOf<P extends Patterns, K extends keyof P> = P[K] extends { option: infer O extends string }
  ? NestOptional<O, Record<string, z.output<P[K]['type']>>>
  : never;
/** What a configuration sets, nested by option path; every member optional. */
export type OptionsOf<R extends Rows, P extends Patterns> = Flatten<
  UnionToIntersection<{ [K in keyof R]: OptionOf<R, K> }[keyof R] | { [K in keyof P]: PatternOptionOf<P, K> }[keyof P]>
>;

type Tree = Record<string, unknown>;
const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

function place(tree: Tree, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Tree;
  node[keys.at(-1)!] = value;
}

/** Groups whose members do not all have a default: present in the options only when the caller gives them. */
export function partialGroups(rows: Rows): Set<string> {
  return new Set(Object.values(rows).flatMap((row) => (row.option?.includes('.') && row.default === undefined ? [row.option.split('.')[0]!] : [])));
}

export function defaultsTree(rows: Rows): Tree {
  const tree: Tree = {};
  for (const row of Object.values(rows)) if (row.option && row.default !== undefined) place(tree, row.option, row.default);
  return tree;
}

export function optionsTree(rows: Rows, patterns: Patterns, config: Tree): Tree {
  const tree: Tree = {};
  for (const [env, row] of Object.entries(rows)) {
    if (row.option && !row.optionOnly && config[env] !== undefined) place(tree, row.option, config[env]);
  }
  for (const [key, pattern] of Object.entries(patterns)) if (pattern.option) place(tree, pattern.option, config[key]);
  return tree;
}

/** `options` with each unset member taken from `defaults`, at every depth; `partial` groups only when given. */
export function withDefaults(defaults: Tree, options: object, rows: Rows): Tree {
  const partial = partialGroups(rows);
  const merge = (base: Tree, given: Tree, top: boolean): Tree => {
    const out: Tree = { ...given };
    for (const [key, value] of Object.entries(base)) {
      if (isTree(value)) {
        if (given[key] === undefined && top && partial.has(key)) continue;
        out[key] = merge(value, isTree(given[key]) ? given[key] : {}, false);
      } else if (given[key] === undefined) out[key] = value;
    }
    return out;
  };
  return merge(defaults, options as Tree, true);
}
