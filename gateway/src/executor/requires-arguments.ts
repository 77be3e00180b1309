import type { FetchNode, FlattenNode, PlanNode, QueryPlan, QueryPlanSelectionNode } from '@apollo/query-planner';
import {
  Kind,
  OperationTypeNode,
  parse,
  print,
  stripIgnoredCharacters,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { JoinedType } from './join-directives.ts';

/** A `requires` field read from another key of the data than the one it is sent under. */
export interface AliasedRequire {
  kind: 'Field';
  name: string;
  readFrom?: string;
  selections?: QueryPlanSelectionNode[];
}

/** A field with arguments that a `@requires` asks for: its name and printed arguments. */
interface RequiredField {
  name: string;
  arguments: string;
  node: FieldNode;
}

const printArguments = (field: FieldNode) => (field.arguments?.length ? `(${field.arguments.map(print).join(',')})` : '');

function requiredWithArguments(fieldSet: string): RequiredField[] {
  const selections = (parse(`{${fieldSet}}`).definitions[0] as OperationDefinitionNode).selectionSet.selections;
  return selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && !!s.arguments?.length).map((node) => ({ name: node.name.value, arguments: printArguments(node), node }));
}

/** The client's selections at a plan path (response names; `@` steps into lists), through fragments. */
function clientFieldsAt(selectionSet: SelectionSetNode, path: readonly (string | number)[], fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const flat = (set: SelectionSetNode): FieldNode[] =>
    set.selections.flatMap((s) =>
      s.kind === Kind.FIELD ? [s] : s.kind === Kind.INLINE_FRAGMENT ? flat(s.selectionSet) : fragments[s.name.value] ? flat(fragments[s.name.value]!.selectionSet) : [],
    );
  let fields = flat(selectionSet);
  for (const step of path) {
    if (step === '@' || typeof step === 'number') continue;
    fields = fields.filter((f) => (f.alias?.value ?? f.name.value) === step).flatMap((f) => (f.selectionSet ? flat(f.selectionSet) : []));
  }
  return fields;
}

const entitiesOperation = (type: string, selections: string) =>
  `query($representations:[_Any!]!){_entities(representations:$representations){...on ${type}{${selections}}}}`;

function keyRequires(type: string, key: string): QueryPlanSelectionNode[] {
  const toPlan = (set: SelectionSetNode): QueryPlanSelectionNode[] =>
    set.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD).map((f) => ({ kind: 'Field', name: f.name.value, ...(f.selectionSet ? { selections: toPlan(f.selectionSet) } : {}) }));
  const fields = toPlan((parse(`{${key}}`).definitions[0] as OperationDefinitionNode).selectionSet);
  return [{ kind: 'InlineFragment', typeCondition: type, selections: [{ kind: 'Field', name: '__typename' }, ...fields] }];
}

function entityFetch(serviceName: string, operation: string, requires: QueryPlanSelectionNode[]): FetchNode {
  const document = parse(operation);
  return { kind: 'Fetch', serviceName, variableUsages: [], requires, operation, operationName: undefined, operationKind: OperationTypeNode.QUERY, operationDocumentNode: document };
}

/**
 * Fixes an entity fetch whose `@requires` ask for a field with arguments, where Apollo's planner
 * fetches that field once under its plain name with whichever arguments it met first (the
 * client's or another `@requires`'s). Before it, one fetch to the field's subgraph gets each
 * required variant under an alias of its own, and the client's own selection again; the fetch
 * is split by conflicting variants, each sending its variant under the field's name.
 */
function rewriteFlatten(flatten: FlattenNode, types: Map<string, JoinedType>, client: { selectionSet: SelectionSetNode; fragments: Record<string, FragmentDefinitionNode> }): PlanNode | undefined {
  const fetch = flatten.node as FetchNode;
  const document = fetch.operationDocumentNode ?? parse(fetch.operation);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const entities = operation.selectionSet.selections[0];
  if (entities?.kind !== Kind.FIELD || entities.name.value !== '_entities' || entities.selectionSet?.selections.length !== 1) return undefined;
  const fragment = entities.selectionSet.selections[0] as InlineFragmentNode;
  const type = fragment.typeCondition?.name.value;
  const joined = type ? types.get(type) : undefined;
  if (!type || !joined || fragment.kind !== Kind.INLINE_FRAGMENT) return undefined;

  // Which requiring fields need which variants; requiring fields whose variants conflict go to separate fetches.
  const groups: { fields: FieldNode[]; variants: Map<string, string> }[] = [];
  const aliases = new Map<string, { alias: string; field: RequiredField }>();
  for (const selection of fragment.selectionSet.selections) {
    const fieldSet = selection.kind === Kind.FIELD ? joined.requires.get(selection.name.value)?.get(fetch.serviceName) : undefined;
    const required = fieldSet ? requiredWithArguments(fieldSet) : [];
    const variants = new Map(required.map((r) => [r.name, r.arguments]));
    for (const r of required) if (!aliases.has(`${r.name}${r.arguments}`)) aliases.set(`${r.name}${r.arguments}`, { alias: `_tributary_requires_${aliases.size}`, field: r });
    const group = groups.find((g) => [...variants].every(([name, args]) => !g.variants.has(name) || g.variants.get(name) === args));
    if (group) {
      group.fields.push(selection as FieldNode);
      for (const [name, args] of variants) group.variants.set(name, args);
    } else {
      groups.push({ fields: [selection as FieldNode], variants });
    }
  }
  if (aliases.size === 0) return undefined;
  if (groups.length > 1 && (fetch.variableUsages?.length ?? 0) > 0) return undefined;

  // One prefetch per subgraph owning a required field: its variants under aliases, and the client's own selection of it.
  const byOwner = new Map<string, string[]>();
  const clientFields = clientFieldsAt(client.selectionSet, flatten.path, client.fragments);
  for (const { alias, field } of aliases.values()) {
    const owner = joined.owners.get(field.name)?.find((s) => s !== fetch.serviceName && joined.keys.has(s));
    if (!owner) return undefined;
    if (!byOwner.has(owner)) byOwner.set(owner, []);
    byOwner.get(owner)!.push(`${alias}:${print(field.node)}`);
  }
  for (const [owner, selections] of byOwner) {
    const names = new Set([...aliases.values()].filter(({ field }) => joined.owners.get(field.name)?.includes(owner)).map(({ field }) => field.name));
    for (const own of clientFields) {
      if (names.has(own.name.value) && !own.selectionSet && !JSON.stringify(own.arguments ?? []).includes('"Variable"')) selections.push(print({ ...own, directives: [] }));
    }
  }
  const prefetches: PlanNode[] = [...byOwner].map(([owner, selections]) => ({
    kind: 'Flatten',
    path: flatten.path,
    node: entityFetch(owner, entitiesOperation(type, selections.join(' ')), keyRequires(type, joined.keys.get(owner)!)),
  }));

  const split = groups.map(({ fields, variants }): PlanNode => {
    const readFrom = (name: string) => {
      const args = variants.get(name);
      return args === undefined ? undefined : aliases.get(`${name}${args}`)?.alias;
    };
    const requires = (fetch.requires ?? []).map((selection) =>
      selection.kind === 'InlineFragment' && selection.typeCondition === type
        ? { ...selection, selections: selection.selections.map((s) => (s.kind === 'Field' && readFrom(s.name) ? ({ ...s, readFrom: readFrom(s.name) } as AliasedRequire as QueryPlanSelectionNode) : s)) }
        : selection,
    );
    const only = groups.length === 1 ? document : withSelections(document, fields);
    return { kind: 'Flatten', path: flatten.path, node: { ...fetch, requires, operationDocumentNode: only, operation: groups.length === 1 ? fetch.operation : stripIgnoredCharacters(print(only)) } };
  });
  return { kind: 'Sequence', nodes: [prefetches.length === 1 ? prefetches[0]! : { kind: 'Parallel', nodes: prefetches }, split.length === 1 ? split[0]! : { kind: 'Parallel', nodes: split }] };
}

/** The `_entities` operation with only `fields` in its type fragment. */
function withSelections(document: DocumentNode, fields: FieldNode[]): DocumentNode {
  const operation = document.definitions[0] as OperationDefinitionNode;
  const entities = operation.selectionSet.selections[0] as FieldNode;
  const fragment = entities.selectionSet!.selections[0] as InlineFragmentNode;
  const selectionSet = (selections: SelectionSetNode['selections']): SelectionSetNode => ({ kind: Kind.SELECTION_SET, selections });
  return {
    ...document,
    definitions: [{ ...operation, selectionSet: selectionSet([{ ...entities, selectionSet: selectionSet([{ ...fragment, selectionSet: selectionSet(fields) }]) }]) }],
  };
}

function rewriteNode(node: PlanNode, types: Map<string, JoinedType>, client: Parameters<typeof rewriteFlatten>[2]): PlanNode {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return { ...node, nodes: node.nodes.map((child) => rewriteNode(child, types, client)) };
    case 'Flatten':
      return node.node.kind === 'Fetch' && node.node.requires ? (rewriteFlatten(node, types, client) ?? node) : node;
    case 'Condition':
      return {
        ...node,
        ...(node.ifClause ? { ifClause: rewriteNode(node.ifClause, types, client) } : {}),
        ...(node.elseClause ? { elseClause: rewriteNode(node.elseClause, types, client) } : {}),
      };
    default:
      return node;
  }
}

/** The plan with every entity fetch whose `@requires` ask for a field with arguments fixed; unchanged otherwise. */
export function fixRequiresArguments(plan: QueryPlan, types: Map<string, JoinedType>, client: Parameters<typeof rewriteFlatten>[2]): QueryPlan {
  const anyArguments = [...types.values()].some((t) => [...t.requires.values()].some((bySubgraph) => [...bySubgraph.values()].some((set) => set.includes('('))));
  if (!anyArguments || !plan.node || plan.node.kind === 'Subscription') return plan;
  return { ...plan, node: rewriteNode(plan.node, types, client) };
}
