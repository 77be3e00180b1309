import { resolve } from 'node:path';

/** The storefront's rover config and the supergraph `npm run compose` writes from it. */
export const defaultConfigPath = resolve(import.meta.dirname, 'supergraph.yaml');
export const defaultSupergraphPath = resolve(import.meta.dirname, 'supergraph.graphql');
