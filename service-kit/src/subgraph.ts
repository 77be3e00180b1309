import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { createGraphQLServer, loadSubgraphSchema } from './graphql-server.ts';
import type { HttpServerOptions } from './http-server.ts';
import { runService, type RunningService } from './service.ts';

export interface SubgraphOptions<TContext extends BaseContext>
  extends Omit<HttpServerOptions<TContext>, 'apollo'> {
  name: string;
  port: number;
  production: boolean;
  /** The subgraph's SDL file under schema/: the schema is built from it, not from code. */
  sdlPath: string;
  resolvers: GraphQLResolverMap<TContext>;
  close?: () => Promise<void>;
}

/** Serves a Federation 2 subgraph over the shared HTTP front. */
export function startSubgraph<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
): Promise<RunningService> {
  const { sdlPath, resolvers, production, ...rest } = options;
  return runService<TContext>({
    ...rest,
    apollo: createGraphQLServer<TContext>({
      schema: loadSubgraphSchema(sdlPath, resolvers),
      logger: options.logger,
      production,
    }),
  });
}

/** Path of a subgraph's SDL file in the repository's schema/ folder. */
export const schemaFile = (name: string) => new URL(`../../schema/${name}.graphql`, import.meta.url).pathname;
