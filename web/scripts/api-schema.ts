import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';

/** The composed supergraph (`npm run compose` writes it). */
export const supergraphPath = new URL('../../schema/supergraph.graphql', import.meta.url).pathname;

/**
 * The schema clients see: the supergraph's API schema, without the join/link machinery. Only its
 * types are read here, so no feature of the supergraph needs a gateway's support.
 */
export function apiSchema(path = supergraphPath): GraphQLSchema {
  return Supergraph.build(readFileSync(path, 'utf8'), { supportedFeatures: null }).apiSchema().toGraphQLJSSchema();
}
