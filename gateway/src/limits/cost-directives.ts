import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type DefinitionNode, type DirectiveNode, type ObjectTypeDefinitionNode } from 'graphql';

/** The demand-control spec a supergraph links when a subgraph uses `@cost` or `@listSize` (federation 2.9+). */
const COST_SPEC = /^https:\/\/specs\.apollo\.dev\/cost\/v\d+\.\d+$/;

/** `@listSize` on a list (or connection) field, as Apollo's demand control reads it. */
export interface ListSize {
  /** Items the list is assumed to hold when no slicing argument sizes it. */
  assumedSize?: number;
  /** Arguments (or `argument.path` into an input object) whose value is the list's size. */
  slicingArguments?: string[];
  /** For a connection: its child fields the slicing argument sizes, e.g. `edges`, `nodes`. */
  sizedFields?: string[];
  /** Exactly one slicing argument must be given. */
  requireOneSlicingArgument: boolean;
}

/** The demand-control directives of a supergraph, by `Type` (types) and `Type.field` (fields). */
export interface CostDirectives {
  /** `@cost(weight:)` on object, interface, scalar and enum types. */
  typeWeights: ReadonlyMap<string, number>;
  /** `@cost(weight:)` on fields, in place of their type's weight. */
  fieldWeights: ReadonlyMap<string, number>;
  /** `@cost(weight:)` on arguments, by `Type.field(argument)`: added when the argument is given. */
  argumentWeights: ReadonlyMap<string, number>;
  listSizes: ReadonlyMap<string, ListSize>;
}

export const NO_COST_DIRECTIVES: CostDirectives = { typeWeights: new Map(), fieldWeights: new Map(), argumentWeights: new Map(), listSizes: new Map() };

const FIELDED = new Set<string>([Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_DEFINITION, Kind.INTERFACE_TYPE_EXTENSION]);

const stringOf = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * The names `@cost` and `@listSize` have in this supergraph: the composed SDL links the cost spec
 * (`@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])`), `@cost` goes by
 * the spec's name, and a name it does not import is namespaced (`@cost__listSize`).
 */
function localNames(definitions: readonly DefinitionNode[]): { cost: string; listSize: string } | undefined {
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      const args = argumentsOf(directive);
      const url = stringOf(args.url);
      if (!url || !COST_SPEC.test(url)) continue;
      const prefix = stringOf(args.as) ?? 'cost';
      // The spec's own directive goes by the spec's name (`@cost`), the others by `<name>__`.
      const names = { cost: prefix, listSize: `${prefix}__listSize` };
      for (const entry of Array.isArray(args.import) ? args.import : []) {
        const [name, as] = typeof entry === 'string' ? [entry, entry] : [stringOf(entry?.name), stringOf(entry?.as) ?? stringOf(entry?.name)];
        if (name === '@cost' && as) names.cost = as.replace(/^@/, '');
        if (name === '@listSize' && as) names.listSize = as.replace(/^@/, '');
      }
      return names;
    }
  }
  return undefined;
}

function argumentsOf(directive: ConstDirectiveNode | DirectiveNode): Record<string, any> {
  return Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
}

const weightOf = (directives: readonly (ConstDirectiveNode | DirectiveNode)[] | undefined, name: string): number | undefined => {
  const found = directives?.find((d) => d.name.value === name);
  const weight = found ? argumentsOf(found).weight : undefined;
  return typeof weight === 'number' && Number.isFinite(weight) ? weight : undefined;
};

const stringList = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);

function listSizeOf(directive: ConstDirectiveNode): ListSize {
  const args = argumentsOf(directive);
  return {
    ...(typeof args.assumedSize === 'number' ? { assumedSize: Math.max(0, args.assumedSize) } : {}),
    ...(stringList(args.slicingArguments)?.length ? { slicingArguments: stringList(args.slicingArguments) } : {}),
    ...(stringList(args.sizedFields)?.length ? { sizedFields: stringList(args.sizedFields) } : {}),
    requireOneSlicingArgument: args.requireOneSlicingArgument !== false,
  };
}

/**
 * Reads `@cost` and `@listSize` from a composed supergraph SDL. Composition (2.9 and later)
 * carries them from the subgraphs; a supergraph that does not link the cost spec has none.
 */
export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const { definitions } = parse(supergraphSdl, { noLocation: true });
  const names = localNames(definitions);
  if (!names) return NO_COST_DIRECTIVES;
  const typeWeights = new Map<string, number>();
  const fieldWeights = new Map<string, number>();
  const argumentWeights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  for (const definition of definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const type = definition.name.value;
    const typeWeight = weightOf(definition.directives, names.cost);
    if (typeWeight !== undefined) typeWeights.set(type, typeWeight);
    if (!FIELDED.has(definition.kind)) continue;
    for (const field of (definition as ObjectTypeDefinitionNode).fields ?? []) {
      const key = `${type}.${field.name.value}`;
      const weight = weightOf(field.directives, names.cost);
      if (weight !== undefined) fieldWeights.set(key, weight);
      const listSize = field.directives?.find((d) => d.name.value === names.listSize);
      if (listSize) listSizes.set(key, listSizeOf(listSize));
      for (const argument of field.arguments ?? []) {
        const argumentWeight = weightOf(argument.directives, names.cost);
        if (argumentWeight !== undefined) argumentWeights.set(`${key}(${argument.name.value})`, argumentWeight);
      }
    }
  }
  return { typeWeights, fieldWeights, argumentWeights, listSizes };
}

/** Whether the supergraph declares any demand-control directive. */
export const hasCostDirectives = (directives: CostDirectives) =>
  directives.typeWeights.size + directives.fieldWeights.size + directives.argumentWeights.size + directives.listSizes.size > 0;
