import type { FetchNode } from '@apollo/query-planner';
import {
  Kind,
  parse,
  print,
  stripIgnoredCharacters,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** Several entity fetches to one subgraph as one operation: each fetch's `_entities` under its own alias. */
export interface MergedOperation {
  query: string;
  operationName: string | undefined;
  document: DocumentNode;
  /** For each fetch, in order: the response key of its `_entities` field. */
  aliases: string[];
  /** For each fetch, in order: the variable its representations go in. */
  representationVariables: string[];
}

const documents = new WeakMap<FetchNode, DocumentNode>();

function documentOf(fetch: FetchNode): DocumentNode {
  let document = fetch.operationDocumentNode ?? documents.get(fetch);
  if (!document) documents.set(fetch, (document = parse(fetch.operation)));
  return document;
}

/** The fetch's operation, if it is what the planner writes for an entity fetch: one `_entities` field. */
function entitiesOperation(document: DocumentNode): { operation: OperationDefinitionNode; field: FieldNode } | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0]!.operation !== 'query') return undefined;
  const [field, ...rest] = operations[0]!.selectionSet.selections;
  if (rest.length || field?.kind !== Kind.FIELD || field.name.value !== '_entities' || field.alias || field.directives?.length) return undefined;
  const argument = field.arguments?.length === 1 ? field.arguments[0]! : undefined;
  if (argument?.name.value !== 'representations' || argument.value.kind !== Kind.VARIABLE || argument.value.name.value !== 'representations') return undefined;
  return { operation: operations[0]!, field };
}

/** `node` with every fragment name (definitions and spreads) given `suffix`. */
function renameFragments<T extends FieldNode | FragmentDefinitionNode>(node: T, suffix: string): T {
  return visit(node, {
    [Kind.FRAGMENT_SPREAD]: (spread) => ({ ...spread, name: { ...spread.name, value: spread.name.value + suffix } }),
    [Kind.FRAGMENT_DEFINITION]: (fragment) => ({ ...fragment, name: { ...fragment.name, value: fragment.name.value + suffix } }),
  });
}

/**
 * Writes entity fetches to one subgraph as one query: `_0: _entities(representations:
 * $representations0) {…} _1: _entities(…) {…}`. The client's variables keep their names (the same
 * name is the same value in every fetch of a request); each fetch's fragments get a suffix of
 * their own. Undefined when a fetch is not a plain `_entities` query or a name would collide;
 * those are sent one by one.
 */
export function buildMergedOperation(fetches: readonly FetchNode[]): MergedOperation | undefined {
  const used = new Set(fetches.flatMap((fetch) => fetch.variableUsages ?? []));
  const variables = new Map<string, VariableDefinitionNode>();
  const selections: FieldNode[] = [];
  const fragments: DefinitionNode[] = [];
  const aliases: string[] = [];
  const representationVariables: string[] = [];
  for (const [i, fetch] of fetches.entries()) {
    const parts = entitiesOperation(documentOf(fetch));
    if (!parts) return undefined;
    const alias = `_${i}`;
    const representations = `representations${i}`;
    if (used.has(representations)) return undefined;
    for (const definition of parts.operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      if (name === 'representations') {
        variables.set(representations, { ...definition, variable: { ...definition.variable, name: { ...definition.variable.name, value: representations } } });
      } else if (!variables.has(name)) {
        variables.set(name, definition);
      }
    }
    const field = renameFragments(parts.field, `_${i}`);
    selections.push({
      ...field,
      alias: { kind: Kind.NAME, value: alias },
      arguments: [{ ...field.arguments![0]!, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: representations } } }],
    });
    for (const definition of documentOf(fetch).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.push(renameFragments(definition, `_${i}`));
    }
    aliases.push(alias);
    representationVariables.push(representations);
  }
  const operationName = fetches[0]!.operationName;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as OperationDefinitionNode['operation'],
        ...(operationName ? { name: { kind: Kind.NAME, value: operationName } } : {}),
        variableDefinitions: [...variables.values()],
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments,
    ],
  };
  return { query: stripIgnoredCharacters(print(document)), operationName, document, aliases, representationVariables };
}

const ids = new WeakMap<FetchNode, number>();
let nextId = 0;
const idOf = (fetch: FetchNode) => {
  let id = ids.get(fetch);
  if (id === undefined) ids.set(fetch, (id = nextId++));
  return id;
};

/**
 * Built once per combination of a plan's fetches; kept as long as the plan's first fetch is. Which
 * fetches are ready together depends on timing, so the combinations kept per fetch are capped.
 */
const MAX_COMBINATIONS = 64;

const merged = new WeakMap<FetchNode, Map<string, MergedOperation | null>>();

/** `buildMergedOperation`, cached: a plan's fetches are the same objects for as long as the plan is cached. */
export function mergedOperation(fetches: readonly FetchNode[]): MergedOperation | undefined {
  let byRest = merged.get(fetches[0]!);
  if (!byRest) merged.set(fetches[0]!, (byRest = new Map()));
  const key = fetches.map(idOf).join(',');
  let found = byRest.get(key);
  if (found === undefined) {
    found = buildMergedOperation(fetches) ?? null;
    if (byRest.size < MAX_COMBINATIONS) byRest.set(key, found);
  }
  return found ?? undefined;
}
