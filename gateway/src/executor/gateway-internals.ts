import type { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
import type { Schema } from '@apollo/federation-internals';
import type { QueryPlan, QueryPlanner } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';

/** What the gateway's executor is given for each request. */
export type GatewayRequestContext = Parameters<ApolloGateway['executor']>[0];
export type GatewayExecutionResult = Awaited<ReturnType<ApolloGateway['executor']>>;
type DidResolveQueryPlan = (options: { queryPlan: QueryPlan; serviceMap: Record<string, GraphQLDataSource>; requestContext: GatewayRequestContext; operationContext: unknown }) => void;

/**
 * The parts of ApolloGateway 2.14 that its own executor reads and that it keeps private: the
 * planner and schemas of the loaded supergraph, the data source of each subgraph, and the
 * planning options. Read here only, so a change of `@apollo/gateway` breaks one file.
 */
export interface GatewayInternals {
  queryPlanner?: QueryPlanner;
  apiSchema?: Schema;
  supergraphSchema?: GraphQLSchema;
  supergraphSdl?: string;
  schema?: GraphQLSchema;
  serviceMap: Record<string, { dataSource: GraphQLDataSource }>;
  experimental_didResolveQueryPlan?: DidResolveQueryPlan;
  recursiveSelectionsLimitDisabled: boolean;
  nonLocalSelectionsLimitDisabled: boolean;
}

export const internalsOf = (gateway: ApolloGateway): GatewayInternals => gateway as unknown as GatewayInternals;
