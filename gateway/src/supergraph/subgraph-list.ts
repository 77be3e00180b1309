import { Supergraph } from '@apollo/federation-internals';

/** The subgraphs a supergraph names, with their routing URLs. */
export function extractSubgraphsFromSupergraphSdl(sdl: string): { name: string; url: string }[] {
  return Supergraph.build(sdl)
    .subgraphsMetadata()
    .map(({ name, url }) => ({ name, url }));
}
