import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acknowledgeSubgraphAuthorization } from './subgraph-authorization.ts';
import { extractSubgraphsFromSupergraphSdl } from './supergraph.ts';

describe('extractSubgraphsFromSupergraphSdl', () => {
  it('lists the four storefront subgraphs with their routing URLs', () => {
    const sdl = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');
    expect(extractSubgraphsFromSupergraphSdl(acknowledgeSubgraphAuthorization(sdl))).toEqual([
      { name: 'accounts', url: 'http://localhost:4001/graphql' },
      { name: 'inventory', url: 'http://localhost:4003/graphql' },
      { name: 'products', url: 'http://localhost:4002/graphql' },
      { name: 'reviews', url: 'http://localhost:4004/graphql' },
    ]);
  });
});
