import { readFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse, Source, type DocumentNode } from 'graphql';
import { fetchSubgraphSdl } from './introspect.ts';
import type { SubgraphSource } from './rover-config.ts';
import { problemFromGraphQLError, SupergraphError, type SupergraphProblem } from './errors.ts';

export interface ComposedSupergraph {
  supergraphSdl: string;
  /** The SDL files composition read: what to watch for changes. */
  files: string[];
}

/** Where a subgraph's SDL is read from: its file, its introspection URL, or the config (inline). */
const sourceName = (source: SubgraphSource): string =>
  source.schema.kind === 'file' ? source.schema.path : source.schema.kind === 'introspection' ? source.schema.url : `${source.name} (inline sdl)`;

async function readSdl(source: SubgraphSource): Promise<string> {
  const { schema } = source;
  if (schema.kind === 'inline') return schema.sdl;
  if (schema.kind === 'introspection') return fetchSubgraphSdl(schema.url, schema.headers);
  try {
    return await readFile(schema.path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${schema.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Composes subgraphs into a supergraph SDL with @apollo/composition. Throws a SupergraphError
 * listing every problem (unreadable SDL, syntax, composition) with its subgraph and location.
 */
export async function composeSupergraph(sources: SubgraphSource[]): Promise<ComposedSupergraph> {
  const subgraphOf = new Map(sources.map((source) => [sourceName(source), source.name]));
  const problems: SupergraphProblem[] = [];
  const loaded = await Promise.all(
    sources.map(async (source): Promise<{ source: SubgraphSource; typeDefs: DocumentNode } | undefined> => {
      const name = sourceName(source);
      try {
        return { source, typeDefs: parse(new Source(await readSdl(source), name)) };
      } catch (error) {
        problems.push(
          error instanceof GraphQLError
            ? problemFromGraphQLError(error, (at) => subgraphOf.get(at))
            : { message: (error as Error).message, locations: [{ source: name, subgraph: source.name }] },
        );
        return undefined;
      }
    }),
  );
  if (problems.length === 0) {
    const result = composeServices(loaded.map((entry) => ({ name: entry!.source.name, url: entry!.source.routingUrl, typeDefs: entry!.typeDefs })));
    if (result.errors) problems.push(...result.errors.map((error) => problemFromGraphQLError(error, (at) => subgraphOf.get(at))));
    else return { supergraphSdl: result.supergraphSdl, files: sources.flatMap(({ schema }) => (schema.kind === 'file' ? [schema.path] : [])) };
  }
  throw new SupergraphError(`Composition failed with ${problems.length} ${problems.length === 1 ? 'error' : 'errors'}:`, problems);
}
