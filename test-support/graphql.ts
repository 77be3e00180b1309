import type { BaseContext } from '@apollo/server';
import { sdlFile, type SubgraphName } from '@tributary/schema';
import { createGraphQLServer, type Identity } from '@tributary/service-kit';
import { loadSubgraphSchema, type Policy, type ResolverMap } from '@tributary/service-kit/subgraph';
import type { GraphQLFormattedError } from 'graphql';
import { silentLogger } from './logger.ts';

export interface Result<T = Record<string, unknown>> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Runs operations against one subgraph's schema in process, with a context the test builds. */
export function subgraphExecutor<TContext extends BaseContext>(
  name: SubgraphName,
  resolvers: ResolverMap,
  policies: Record<string, Policy> = {},
) {
  const server = createGraphQLServer<TContext>({
    name,
    schema: loadSubgraphSchema(sdlFile(name), resolvers, policies),
    logger: silentLogger,
    production: false,
  });
  return async <T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    contextValue: TContext,
  ): Promise<Result<T>> => {
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as Result<T>;
  };
}

/** A verified caller, as a subgraph's context holds it after checking the gateway's signature. */
export const testViewer = (userId: string, scopes: string[] = []): Identity => ({
  userId,
  scopes,
  expiresAt: Math.floor(Date.now() / 1000) + 300,
});

/** The error codes of a result, in order. */
export const codes = (result: Result<unknown>) => (result.errors ?? []).map((e) => e.extensions?.code);
