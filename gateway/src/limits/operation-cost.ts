import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

// The gateway's schema comes from @apollo/gateway's copy of graphql (CommonJS), so graphql's
// instanceof-based predicates (isListType, …) would fail on it here: types are read by shape.
interface FieldShape {
  type: unknown;
  args: readonly { name: string; defaultValue?: unknown }[];
}
interface Named {
  getFields?(): Record<string, FieldShape>;
  getInterfaces?(): unknown;
  getTypes?(): unknown;
}
/** Object and interface types have fields and interfaces; input objects only fields. */
const fieldsOf = (type: Named | undefined) => (typeof type?.getInterfaces === 'function' ? type.getFields?.() : undefined);
const isComposite = (type: Named | undefined) => Boolean(fieldsOf(type) || typeof type?.getTypes === 'function');
/** `[Review!]!` → is a list; `Review` → its named type. */
const isList = (typeRef: unknown) => String(typeRef).replace(/!$/, '').startsWith('[');
const namedTypeName = (typeRef: unknown) => String(typeRef).replace(/[[\]!]/g, '');

/** Arguments that say how many items a list field returns. */
const SIZE_ARGUMENTS = ['first', 'last', 'limit'];

/** How many items a list field asks for: its size argument as sent, else the schema's default, else `defaultListSize`. */
function listSize(node: FieldNode, field: FieldShape, variables: Record<string, unknown>, defaultListSize: number): number {
  for (const name of SIZE_ARGUMENTS) {
    const argument = node.arguments?.find((a) => a.name.value === name);
    const sent = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
    const value = sent ?? field.args.find((a) => a.name === name)?.defaultValue;
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  return defaultListSize;
}

/**
 * The operation's cost, the way Apollo's router scores demand: each object a field returns
 * costs 1, scalars and enums cost 0, and a list multiplies everything under it by its size.
 * Introspection fields cost nothing (introspection is off in production). Each fragment is
 * costed once: cost is linear in the multiplier, so fragment bombs cannot make this slow.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  defaultListSize: number,
): number {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const memo = new Map<string, number>();
  const typeNamed = (name: string) => (schema.getType(name) ?? undefined) as unknown as Named | undefined;
  const costOf = (set: SelectionSetNode, parent: Named | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = fieldsOf(parent)?.[selection.name.value];
        if (!field) continue;
        const type = typeNamed(namedTypeName(field.type));
        if (!isComposite(type)) continue;
        const size = isList(field.type) ? listSize(selection, field, variables, defaultListSize) : 1;
        cost += size * (1 + (selection.selectionSet ? costOf(selection.selectionSet, type) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += costOf(selection.selectionSet, selection.typeCondition ? typeNamed(selection.typeCondition.name.value) : parent);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment) continue;
        if (!memo.has(name)) {
          // Validation has rejected cycles; the placeholder only guards against looping if it did not.
          memo.set(name, 0);
          memo.set(name, costOf(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value)));
        }
        cost += memo.get(name)!;
      }
    }
    return cost;
  };
  return costOf(operation.selectionSet, (schema.getRootType(operation.operation) ?? undefined) as unknown as Named | undefined);
}

/**
 * Rejects an operation whose cost is over `maxCost` once its variables are known, before the
 * gateway plans it: QUERY_TOO_COMPLEX with HTTP 400.
 */
export function costLimitPlugin(maxCost: number, defaultListSize: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables ?? {}, defaultListSize);
          if (cost <= maxCost) return;
          throw new GraphQLError(`The operation costs ${cost}, more than the limit of ${maxCost}: ask for fewer items (smaller \`first\` arguments) or fewer nested lists`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
          });
        },
      };
    },
  };
}
