import type { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GatewayInternals } from './gateway-internals.ts';
import { joinDirectivesOf, type JoinedType } from './join-directives.ts';
import { leafFetches } from './plan-leaves.ts';
import { fixRequiresArguments } from './requires-arguments.ts';
import { compileSelections, type CompiledSelection } from './projection-compiler.ts';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** Everything about one operation that does not change between its requests. */
export interface CompiledOperation {
  /** The API schema it was compiled for: a reload makes it stale. */
  schema: GraphQLSchema;
  operationContext: OperationContext;
  plan: QueryPlan;
  rootType: string;
  selections: CompiledSelection[];
  /** The plan's fetches nothing later in it waits for. */
  leaves: WeakSet<FetchNode>;
}

const joined = new WeakMap<GraphQLSchema, Map<string, JoinedType>>();

/** The supergraph's join directives, read once per loaded supergraph. */
function joinDirectives(internals: GatewayInternals): Map<string, JoinedType> {
  let types = joined.get(internals.supergraphSchema!);
  if (!types) joined.set(internals.supergraphSchema!, (types = joinDirectivesOf(internals.supergraphSdl!)));
  return types;
}

/** Plans an operation with the gateway's planner and compiles its projection. */
export function compileOperation(internals: GatewayInternals, operationContext: OperationContext, document: DocumentNode, operationName: string | null | undefined): CompiledOperation {
  const schema = operationContext.schema;
  const operation = operationFromDocument(internals.apiSchema!, document, { operationName: operationName ?? undefined });
  const planned = internals.queryPlanner!.buildQueryPlan(operation, {
    recursiveSelectionsLimitDisabled: internals.recursiveSelectionsLimitDisabled,
    nonLocalSelectionsLimitDisabled: internals.nonLocalSelectionsLimitDisabled,
  });
  const { selectionSet } = operationContext.operation;
  const plan = fixRequiresArguments(planned, joinDirectives(internals), { selectionSet, fragments: operationContext.fragments });
  const root = schema.getRootType(operationContext.operation.operation)!;
  return {
    schema,
    operationContext,
    plan,
    rootType: root.name,
    selections: compileSelections(schema, operationContext.operation.selectionSet, root, operationContext.fragments),
    leaves: leafFetches(plan.node?.kind === 'Subscription' ? undefined : plan.node),
  };
}
