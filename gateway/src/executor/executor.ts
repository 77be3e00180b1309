import { buildOperationContext, type ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { executeSync, getVariableValues, GraphQLError, Kind, type DocumentNode, type FieldNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { compileOperation, type CompiledOperation } from './compiled-operation.ts';
import type { Data } from './cursor.ts';
import type { ExecutionContext } from './execution-context.ts';
import { internalsOf, type GatewayExecutionResult, type GatewayRequestContext } from './gateway-internals.ts';
import { FetchBatch } from './fetch-batch.ts';
import { executeNode } from './plan-execution.ts';
import { project } from './projection.ts';

/** What Apollo Server is given as its gateway. */
export type ServedGateway = NonNullable<ApolloServerOptionsWithGateway<BaseContext>['gateway']>;

export interface TributaryExecutorOptions {
  /**
   * Operations whose plan and projection are kept (least recently used dropped first).
   * @default 1000
   */
  maxOperations?: number;
  /**
   * Entity fetches to one subgraph that are ready at the same time go out as one request.
   * @default true
   */
  mergeFetches?: boolean;
}

function introspection(compiled: CompiledOperation, field: FieldNode, variables: Record<string, unknown> | undefined): unknown {
  const { operation, fragments } = compiled.operationContext;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      { kind: Kind.OPERATION_DEFINITION, operation: operation.operation, variableDefinitions: operation.variableDefinitions, selectionSet: { kind: Kind.SELECTION_SET, selections: [field] } },
      ...Object.values(fragments),
    ],
  };
  const { data } = executeSync({ schema: compiled.schema, document, rootValue: {}, variableValues: variables });
  return (data as Data | null | undefined)?.[field.alias?.value ?? field.name.value];
}

/** The answer from the data a plan fetched: the client's selections, errors where the spec puts them. */
function answer(compiled: CompiledOperation, context: ExecutionContext, fetched: Data): GatewayExecutionResult {
  const { errors } = context;
  let projected;
  try {
    projected = project(fetched, compiled.selections, compiled.rootType, {
      schema: compiled.schema,
      variables: context.coercedVariables,
      introspect: (field) => introspection(compiled, field, context.variables),
    });
  } catch (error) {
    return { errors: [new GraphQLError((error as Error).message, { originalError: error as Error })] };
  }
  // After a failed fetch, the nulls it left are the fetch's error, already reported: Apollo does
  // the same. Otherwise a null in a non-null field is a field error in `errors`, where the spec
  // puts it (stock hides those in extensions.valueCompletion).
  if (errors.length === 0 && projected.errors.length > 0) return { errors: projected.errors, data: projected.data };
  return errors.length === 0 ? { data: projected.data } : { errors, data: projected.data };
}

/**
 * Apollo Server's gateway, with ApolloGateway loading, composing, reloading and planning, and
 * Tributary executing the plans: each operation's plan and compiled projection cached until
 * the schema changes, entity representations sent once per fetch, the subgraphs called through
 * the gateway's own data sources (timeouts, retries, breakers, tracing, identity).
 */
export function tributaryGateway(gateway: ApolloGateway, options: TributaryExecutorOptions = {}): ServedGateway {
  const internals = internalsOf(gateway);
  const operations = new LRUCache<string, CompiledOperation>({ max: options.maxOperations ?? 1000 });
  const mergeFetches = options.mergeFetches ?? true;
  gateway.onSchemaLoadOrUpdate(() => operations.clear());

  const executor = async (requestContext: GatewayRequestContext): Promise<GatewayExecutionResult> => {
    const { request, document, queryHash } = requestContext;
    const schema = internals.schema!;
    const key = request.operationName ? `${queryHash}:${request.operationName}` : queryHash;
    let compiled = operations.get(key);
    if (compiled?.schema !== schema) compiled = undefined;
    const operationContext = compiled?.operationContext ?? buildOperationContext({ schema, operationDocument: document, operationName: request.operationName });
    const coerced = getVariableValues(schema, operationContext.operation.variableDefinitions ?? [], request.variables ?? {});
    if (coerced.errors) return { errors: coerced.errors };
    if (!compiled) {
      compiled = compileOperation(internals, operationContext, document, request.operationName);
      operations.set(key, compiled);
    }
    const serviceMap: Record<string, GraphQLDataSource> = Object.create(null);
    for (const [name, { dataSource }] of Object.entries(internals.serviceMap)) serviceMap[name] = dataSource;
    internals.experimental_didResolveQueryPlan?.({ queryPlan: compiled.plan, serviceMap, requestContext, operationContext });
    const node = compiled.plan.node;
    if (node?.kind === 'Subscription') throw new Error('Execution of subscriptions not supported by gateway');
    const context: ExecutionContext = {
      requestContext,
      serviceMap,
      supergraphSchema: internals.supergraphSchema!,
      variables: request.variables,
      coercedVariables: coerced.coerced,
      errors: [],
      batch: mergeFetches ? new FetchBatch(serviceMap, requestContext, (fetch) => compiled.leaves.has(fetch)) : undefined,
    };
    const fetched: Data = Object.create(null);
    if (node) await executeNode(context, node, { path: [], data: fetched, root: fetched });
    return answer(compiled, context, fetched);
  };

  return {
    async load(loadOptions) {
      const loaded = await gateway.load(loadOptions as Parameters<ApolloGateway['load']>[0]);
      return { schema: loaded.schema, executor: executor as never };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback as never),
    stop: () => gateway.stop(),
  };
}
