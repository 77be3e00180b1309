import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acknowledgeSubgraphAuthorization } from './subgraph-authorization.ts';
import { extractSubgraphsFromSupergraphSdl } from './supergraph.ts';
// The storefront's roster, by path: the gateway package does not depend on the storefront's.
import { portOf, roster } from '../../../schema/roster.ts';

describe('extractSubgraphsFromSupergraphSdl', () => {
  it("lists the storefront's subgraphs (its roster) with their routing URLs, by name", () => {
    const sdl = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');
    const expected = roster
      .map(({ name }) => ({ name, url: `http://localhost:${portOf(name)}/graphql` }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(extractSubgraphsFromSupergraphSdl(acknowledgeSubgraphAuthorization(sdl))).toEqual(expected);
  });
});
