import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { enforceAuthorization, type Policy } from '../authorization/authorization.ts';

/** The resolver map `buildSubgraphSchema` takes, named without a deep import of @apollo/subgraph. */
type ApolloResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;

/**
 * A subgraph's resolvers by type and field, `__resolveReference` included. Type them with the
 * `Resolvers` the code generator derives from the SDL; the schema built from that SDL is what
 * checks the map against the fields at start.
 */
export type ResolverMap = Record<string, object>;

/**
 * Builds a Federation 2 subgraph schema from its SDL file (schema-first) and resolvers, enforcing
 * the SDL's `@authenticated`, `@requiresScopes` and `@policy` (with these `policies`).
 */
export function loadSubgraphSchema(sdlPath: string, resolvers: ResolverMap, policies: Record<string, Policy> = {}): GraphQLSchema {
  const schema = buildSubgraphSchema({
    typeDefs: parse(readFileSync(sdlPath, 'utf8')),
    resolvers: resolvers as ApolloResolverMap,
  });
  return enforceAuthorization(schema, policies);
}
