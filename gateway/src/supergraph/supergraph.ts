import { readFile } from 'node:fs/promises';
import { Supergraph } from '@apollo/federation-internals';
import { GraphQLError } from 'graphql';
import { composeSupergraph } from './composition.ts';
import { acknowledgeSubgraphAuthorization } from './subgraph-authorization.ts';
import { readSupergraphConfig } from './rover-config.ts';
import { SupergraphError } from './errors.ts';

/** A supergraph SDL that has been read (or composed) and checked to be a supergraph. */
export interface LoadedSupergraph {
  supergraphSdl: string;
  /** Each subgraph's name and routing URL, as the supergraph says. */
  subgraphs: { name: string; url: string }[];
  /** Files it was read or composed from: a change to any of them calls for a reload. */
  files: string[];
}

/** Where the gateway's supergraph comes from; `load` is called at start and on every reload. */
export interface SupergraphSource {
  /** For logs, e.g. `supergraph file schema/supergraph.graphql`. */
  description: string;
  /** Reads (or composes) the supergraph afresh; throws a SupergraphError saying what is wrong. */
  load(): Promise<LoadedSupergraph>;
}

/** The subgraphs a supergraph names, with their routing URLs. */
export function extractSubgraphsFromSupergraphSdl(sdl: string): { name: string; url: string }[] {
  return Supergraph.build(sdl)
    .subgraphsMetadata()
    .map(({ name, url }) => ({ name, url }));
}

/** A composed supergraph SDL file, e.g. the output of `rover supergraph compose`. */
export function supergraphFile(path: string): SupergraphSource {
  return {
    description: `supergraph file ${path}`,
    async load() {
      let supergraphSdl: string;
      try {
        supergraphSdl = await readFile(path, 'utf8');
      } catch (error) {
        throw new SupergraphError(`Cannot read the supergraph file ${path}`, [
          { message: (error as NodeJS.ErrnoException).code ?? (error as Error).message, locations: [{ source: path }] },
        ]);
      }
      return { ...checkSupergraph(supergraphSdl, path), files: [path] };
    },
  };
}

/** A rover supergraph config, composed on every load (subgraph_url sources are introspected again). */
export function supergraphConfig(path: string): SupergraphSource {
  return {
    description: `supergraph config ${path}`,
    async load() {
      const { supergraphSdl, files } = await composeSupergraph(await readSupergraphConfig(path));
      return { ...checkSupergraph(supergraphSdl, path), files: [path, ...files] };
    },
  };
}

function checkSupergraph(sdl: string, path: string): Pick<LoadedSupergraph, 'supergraphSdl' | 'subgraphs'> {
  try {
    const supergraphSdl = acknowledgeSubgraphAuthorization(sdl);
    return { supergraphSdl, subgraphs: extractSubgraphsFromSupergraphSdl(supergraphSdl) };
  } catch (error) {
    const at = error instanceof GraphQLError ? error.locations?.[0] : undefined;
    throw new SupergraphError(`Not a valid supergraph: ${path}`, [
      { message: (error as Error).message, locations: [{ source: path, ...(at ?? {}) }] },
    ]);
  }
}
