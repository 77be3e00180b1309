import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** `@skip(if:)` / `@include(if:)` of one selection: a literal, or the variable that holds it. */
export interface Condition {
  skip: boolean;
  value: boolean | string;
}

/** A field's type, walked once here instead of for every value. */
export type CompiledType =
  | { kind: 'nonNull'; ofType: CompiledType; printed: string }
  | { kind: 'list'; ofType: CompiledType; printed: string }
  | { kind: 'composite'; name: string; printed: string }
  | { kind: 'leaf'; isValid: (value: unknown) => boolean; printed: string };

export interface CompiledField {
  kind: 'field';
  responseName: string;
  /** The schema's name of the field, which errors name (not the alias). */
  name: string;
  conditions: Condition[] | undefined;
  type: CompiledType;
  /** `__schema` / `__type`: answered by introspection of the API schema. */
  introspection: FieldNode | undefined;
  selections: CompiledSelection[] | undefined;
}

export interface CompiledFragment {
  kind: 'fragment';
  /** Types the fragment applies to (its condition and every subtype); undefined: all. */
  appliesTo: ReadonlySet<string> | undefined;
  /** The parent type inside the fragment. */
  typeCondition: string | undefined;
  conditions: Condition[] | undefined;
  selections: CompiledSelection[];
}

export type CompiledSelection = CompiledField | CompiledFragment;

const integer = /^-?(?:0|[1-9][0-9]*)$/;

/** Leaf values as Apollo's result shaping accepts them (`isValidLeafValue`). */
function leafCheck(name: string, isEnum: boolean, enumValues: ReadonlySet<string>): (value: unknown) => boolean {
  if (isEnum) return (value) => typeof value === 'string' && enumValues.has(value);
  switch (name) {
    case 'Boolean':
      return (value) => typeof value === 'boolean';
    case 'Int':
      return (value) => typeof value === 'number' && Number.isFinite(value) && integer.test(String(value));
    case 'ID':
      return (value) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value) && integer.test(String(value)));
    case 'Float':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'String':
      return (value) => typeof value === 'string';
    default:
      return () => true;
  }
}

function compileType(type: GraphQLOutputType): CompiledType {
  const printed = String(type);
  if (isNonNullType(type)) return { kind: 'nonNull', ofType: compileType(type.ofType), printed };
  if (isListType(type)) return { kind: 'list', ofType: compileType(type.ofType), printed };
  if (isCompositeType(type)) return { kind: 'composite', name: type.name, printed };
  const values = isEnumType(type) ? new Set(type.getValues().map((v) => v.name)) : new Set<string>();
  return { kind: 'leaf', isValid: leafCheck(type.name, isEnumType(type), values), printed };
}

/** The subtype sets of type conditions, computed once per schema. */
const subtypeCache = new WeakMap<GraphQLSchema, Map<string, ReadonlySet<string>>>();

/** Every type name `condition` applies to: itself and, when abstract, its implementations and members. */
export function subtypesOf(schema: GraphQLSchema, condition: string): ReadonlySet<string> {
  let bySchema = subtypeCache.get(schema);
  if (!bySchema) subtypeCache.set(schema, (bySchema = new Map()));
  let names = bySchema.get(condition);
  if (!names) {
    const type = schema.getType(condition);
    const set = new Set<string>([condition]);
    if (type && isAbstractType(type)) {
      for (const candidate of Object.values(schema.getTypeMap())) {
        if ((isObjectType(candidate) || isInterfaceType(candidate)) && schema.isSubType(type, candidate)) set.add(candidate.name);
      }
    }
    bySchema.set(condition, (names = set));
  }
  return names;
}

function conditionsOf(node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: { kind: string } }[] }[] }): Condition[] | undefined {
  const conditions: Condition[] = [];
  for (const directive of node.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'if')?.value as { kind: string; value?: boolean; name?: { value: string } } | undefined;
    if (!arg) continue;
    const value = arg.kind === Kind.VARIABLE ? arg.name!.value : Boolean(arg.value);
    conditions.push({ skip: name === 'skip', value });
  }
  return conditions.length ? conditions : undefined;
}

/**
 * Compiles an operation's selection set against the API schema into the plain tree the
 * projection walks: fragments spread in place as inline ones, types and leaf checks resolved.
 */
export function compileSelections(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
): CompiledSelection[] {
  const compiled: CompiledSelection[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const responseName = selection.alias?.value ?? name;
      const conditions = conditionsOf(selection);
      if (name === '__typename') {
        compiled.push({ kind: 'field', responseName, name, conditions, type: { kind: 'leaf', isValid: () => true, printed: 'String!' }, introspection: undefined, selections: undefined });
        continue;
      }
      if (name === '__schema' || name === '__type') {
        const type = name === '__schema' ? schema.getType('__Schema')! : schema.getType('__Type')!;
        compiled.push({ kind: 'field', responseName, name, conditions, type: compileType(type as GraphQLOutputType), introspection: selection, selections: undefined });
        continue;
      }
      const definition = 'getFields' in parentType ? parentType.getFields()[name] : undefined;
      if (!definition) throw new Error(`Cannot query field "${name}" on type "${parentType.name}".`);
      const named = getNamedType(definition.type);
      const selections = selection.selectionSet && isCompositeType(named) ? compileSelections(schema, selection.selectionSet, named, fragments) : undefined;
      compiled.push({ kind: 'field', responseName, name, conditions, type: compileType(definition.type), introspection: undefined, selections });
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : undefined;
    if (selection.kind === Kind.FRAGMENT_SPREAD && !fragment) throw new Error(`Unknown fragment "${selection.name.value}".`);
    const typeConditionNode = fragment ? fragment.typeCondition : selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition : undefined;
    const typeCondition = typeConditionNode?.name.value;
    const innerType = typeCondition ? (schema.getType(typeCondition) as GraphQLCompositeType) : parentType;
    const selections = fragment ? fragment.selectionSet : (selection as { selectionSet: SelectionSetNode }).selectionSet;
    compiled.push({
      kind: 'fragment',
      appliesTo: typeCondition ? subtypesOf(schema, typeCondition) : undefined,
      typeCondition,
      conditions: conditionsOf(selection),
      selections: compileSelections(schema, selections, innerType, fragments),
    });
  }
  return compiled;
}
