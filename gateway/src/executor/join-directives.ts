import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/** What the supergraph's join directives say of one type, by subgraph name. */
export interface JoinedType {
  /** The first resolvable `@key` of the type in each subgraph. */
  keys: Map<string, string>;
  /** Per field: the subgraphs that resolve it (not `@external` there). */
  owners: Map<string, string[]>;
  /** Per field: its `@requires` field set in each subgraph that has one. */
  requires: Map<string, Map<string, string>>;
}

const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
const stringArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : undefined;
};
const enumArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.ENUM ? value.value : undefined;
};
const booleanArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.BOOLEAN ? value.value : undefined;
};

/** Reads the keys, field owners and `@requires` of every object and interface of a supergraph. */
export function joinDirectivesOf(supergraphSdl: string): Map<string, JoinedType> {
  const document: DocumentNode = parse(supergraphSdl);
  const graphs = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph');
      const subgraph = name && stringArgument(name, 'name');
      if (subgraph) graphs.set(value.name.value, subgraph);
    }
  }
  const types = new Map<string, JoinedType>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const joined: JoinedType = { keys: new Map(), owners: new Map(), requires: new Map() };
    const typeGraphs: string[] = [];
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const subgraph = graphs.get(enumArgument(directive, 'graph') ?? '');
      if (!subgraph) continue;
      typeGraphs.push(subgraph);
      const key = stringArgument(directive, 'key');
      if (key && booleanArgument(directive, 'resolvable') !== false && !joined.keys.has(subgraph)) joined.keys.set(subgraph, key);
    }
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const owners: string[] = [];
      for (const join of joins) {
        const subgraph = graphs.get(enumArgument(join, 'graph') ?? '');
        if (!subgraph) continue;
        if (booleanArgument(join, 'external') !== true) owners.push(subgraph);
        const requires = stringArgument(join, 'requires');
        if (requires) {
          if (!joined.requires.has(field.name.value)) joined.requires.set(field.name.value, new Map());
          joined.requires.get(field.name.value)!.set(subgraph, requires);
        }
      }
      joined.owners.set(field.name.value, joins.length ? owners : typeGraphs);
    }
    types.set(definition.name.value, joined);
  }
  return types;
}
