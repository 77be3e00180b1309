import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';

/** One subgraph as listed in a rover-style supergraph config. */
export interface SubgraphSource {
  name: string;
  routingUrl: string;
  sdlPath: string;
}

export type CompositionResult =
  | { ok: true; supergraphSdl: string }
  | { ok: false; errors: string[] };

/** Reads a rover `supergraph.yaml` (only `schema.file` sources) into subgraph sources. */
export async function readSupergraphConfig(configPath: string): Promise<SubgraphSource[]> {
  const raw = parseYaml(await readFile(configPath, 'utf8')) as {
    subgraphs?: Record<string, { routing_url?: string; schema?: { file?: string } }>;
  };
  const base = dirname(configPath);
  return Object.entries(raw.subgraphs ?? {}).map(([name, entry]) => {
    if (!entry.routing_url || !entry.schema?.file) {
      throw new Error(`subgraph "${name}" needs routing_url and schema.file in ${configPath}`);
    }
    return { name, routingUrl: entry.routing_url, sdlPath: resolve(base, entry.schema.file) };
  });
}

/** Composes subgraph SDL files into a supergraph SDL with @apollo/composition. */
export async function composeSupergraph(sources: SubgraphSource[]): Promise<CompositionResult> {
  const services = [];
  for (const source of sources) {
    const sdl = await readFile(source.sdlPath, 'utf8');
    try {
      services.push({ name: source.name, url: source.routingUrl, typeDefs: parse(sdl) });
    } catch (error) {
      return { ok: false, errors: [`${source.name}: ${(error as Error).message}`] };
    }
  }
  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((e) => e.message) };
  }
  return { ok: true, supergraphSdl: result.supergraphSdl };
}

export const defaultConfigPath = resolve(import.meta.dirname, 'supergraph.yaml');
export const defaultSupergraphPath = resolve(import.meta.dirname, 'supergraph.graphql');
