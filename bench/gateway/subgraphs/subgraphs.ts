import { readFileSync } from 'node:fs';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { benchmarkResolvers } from './resolvers.ts';

export interface BenchmarkSubgraph {
  name: 'accounts' | 'inventory' | 'products' | 'reviews';
  sdl: string;
  resolvers: GraphQLResolverMap<unknown>;
}

const sdl = (name: string) => readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8');

/** The public federation benchmark's four subgraphs: SDL, data and resolvers. */
export const benchmarkSubgraphs: BenchmarkSubgraph[] = (['accounts', 'inventory', 'products', 'reviews'] as const).map((name) => ({
  name,
  sdl: sdl(name),
  resolvers: benchmarkResolvers[name],
}));

/** The benchmark query, a verbatim copy (CI checks it is unchanged). */
export const benchmarkQuery = readFileSync(new URL('../../federation-benchmark.graphql', import.meta.url), 'utf8');
