import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { benchmarkSubgraphs } from './subgraphs/subgraphs.ts';

/** Composes the benchmark's subgraphs routed to `urls` and writes the supergraph to a temporary file. */
export async function writeBenchmarkSupergraph(urls: Record<string, string>): Promise<string> {
  const result = composeServices(benchmarkSubgraphs.map(({ name, sdl }) => ({ name, url: urls[name], typeDefs: parse(sdl) })));
  if (result.errors) throw new Error(`the benchmark subgraphs do not compose: ${result.errors.map((e) => e.message).join('; ')}`);
  const path = join(await mkdtemp(join(tmpdir(), 'bench-gateway-')), 'supergraph.graphql');
  await writeFile(path, result.supergraphSdl);
  return path;
}
