import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import { GraphQLError, type GraphQLErrorOptions, type GraphQLFormattedError } from 'graphql';

export type ErrorPath = GraphQLErrorOptions['path'];

/**
 * A subgraph's error as the client sees it, worded as `@apollo/gateway` words it: at the path
 * in the client's answer, with the subgraph's name and a code (the subgraph's, else
 * DOWNSTREAM_SERVICE_ERROR).
 */
export function downstreamError(original: GraphQLFormattedError, serviceName: string, path: ErrorPath): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options: GraphQLErrorOptions = {
    originalError: original as Error,
    path,
    extensions: { ...original.extensions, serviceName },
  };
  const known = errorCodeDef(original);
  if (!known && original.extensions?.code) return new GraphQLError(message, options);
  return (known ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}
