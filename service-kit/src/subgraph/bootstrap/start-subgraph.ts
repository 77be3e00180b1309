import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { Policy } from '../authorization/authorization.ts';
import { createGraphQLServer, loadSubgraphSchema } from '../../graphql/graphql-server.ts';
import type { HttpServerOptions } from '../../http/http-server.ts';
import { runService, type RunningService } from '../../lifecycle/service.ts';
import { identityVerifier } from '../../identity/identity-verifier.ts';

export interface SubgraphOptions<TContext extends BaseContext>
  extends Omit<HttpServerOptions<TContext>, 'apollo' | 'authenticate'> {
  name: string;
  port: number;
  production: boolean;
  /** The subgraph's SDL file under schema/: the schema is built from it, not from code. */
  sdlPath: string;
  resolvers: GraphQLResolverMap<TContext>;
  /** The `@policy` rules the SDL names, e.g. `owner`. */
  policies?: Record<string, Policy>;
  /**
   * Verifies the identity the gateway signs (IDENTITY_SIGNING_SECRET); unset, every signed-in
   * request is refused and only anonymous ones are served.
   */
  identitySecret: string | undefined;
  close?: () => Promise<void>;
}

/** Serves a Federation 2 subgraph over the shared HTTP front. */
export function startSubgraph<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
): Promise<RunningService> {
  const { sdlPath, resolvers, policies, identitySecret, production, ...rest } = options;
  return runService<TContext>({
    ...rest,
    authenticate: identityVerifier(identitySecret, options.logger),
    apollo: createGraphQLServer<TContext>({
      schema: loadSubgraphSchema(sdlPath, resolvers, policies),
      logger: options.logger,
      production,
    }),
  });
}

/** Path of a subgraph's SDL file in the repository's schema/ folder. */
export const schemaFile = (name: string) => new URL(`../../../../schema/${name}.graphql`, import.meta.url).pathname;
