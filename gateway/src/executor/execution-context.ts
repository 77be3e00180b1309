import type { GraphQLDataSource } from '@apollo/gateway';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { FetchBatch } from './fetch-batch.ts';
import type { GatewayRequestContext } from './gateway-internals.ts';

/** What every node of one plan's execution shares. */
export interface ExecutionContext {
  requestContext: GatewayRequestContext;
  serviceMap: Record<string, GraphQLDataSource>;
  supergraphSchema: GraphQLSchema;
  /** The client's variables, as sent (fetches forward them as sent). */
  variables: Record<string, unknown> | undefined;
  /** The coerced variables, defaults applied (conditions read them). */
  coercedVariables: Record<string, unknown>;
  errors: GraphQLError[];
  /** Merges entity fetches ready at once to one subgraph; none when merging is off. */
  batch: FetchBatch | undefined;
}
