import type { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GatewayInternals } from './gateway-internals.ts';
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
}

/** Plans an operation with the gateway's planner and compiles its projection. */
export function compileOperation(internals: GatewayInternals, operationContext: OperationContext, document: DocumentNode, operationName: string | null | undefined): CompiledOperation {
  const schema = operationContext.schema;
  const operation = operationFromDocument(internals.apiSchema!, document, { operationName: operationName ?? undefined });
  const plan = internals.queryPlanner!.buildQueryPlan(operation, {
    recursiveSelectionsLimitDisabled: internals.recursiveSelectionsLimitDisabled,
    nonLocalSelectionsLimitDisabled: internals.nonLocalSelectionsLimitDisabled,
  });
  const root = schema.getRootType(operationContext.operation.operation)!;
  return {
    schema,
    operationContext,
    plan,
    rootType: root.name,
    selections: compileSelections(schema, operationContext.operation.selectionSet, root, operationContext.fragments),
  };
}
