import {
  astFromValue,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  print,
  type GraphQLInputType,
} from 'graphql';
import type { Random } from './random.ts';

const SCALARS: Record<string, readonly unknown[]> = {
  Int: [0, 1, 2, 3, 5, 10],
  Float: [0.5, 1, 2.5],
  String: ['a', 'e', 'x', 'test'],
  Boolean: [true, false],
  ID: ['1', '2', '3', 'x1'],
};

/** A value of an input type, made up from its type (lists of one or two, optional fields sometimes). */
export function valueOf(type: GraphQLInputType, random: Random): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, random);
  if (isListType(type)) return Array.from({ length: random.int(1, 2) }, () => valueOf(type.ofType, random));
  if (isEnumType(type)) return random.pick(type.getValues()).value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || random.chance(0.4));
    return Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, random)]));
  }
  if (isScalarType(type)) return random.pick(SCALARS[type.name] ?? SCALARS.String!);
  return null;
}

/** A value as a GraphQL literal, e.g. `"a"`, `[1, 2]`, `{ name: "x" }`, `GOLD`. */
export function literal(value: unknown, type: GraphQLInputType): string {
  const ast = astFromValue(value, type);
  if (!ast) throw new Error(`no literal of ${String(type)} for ${JSON.stringify(value)}`);
  return print(ast);
}

/** Whether values of `type` can be made up (custom scalars without examples cannot). */
export const canMakeUp = (type: GraphQLInputType): boolean => {
  const named = getNamedType(type);
  return !isScalarType(named) || named.name in SCALARS;
};
