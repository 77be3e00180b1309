import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acknowledgeSubgraphAuthorization } from './subgraph-authorization.ts';
import { extractSubgraphsFromSupergraphSdl } from './supergraph.ts';
// The storefront's roster, by path: the gateway package does not depend on the storefront's.
import { roster } from '../../../schema/roster.ts';

const storefront = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');

describe('acknowledgeSubgraphAuthorization', () => {
  it('lets @apollo/gateway load a supergraph whose subgraphs enforce @authenticated, @requiresScopes and @policy', () => {
    expect(() => extractSubgraphsFromSupergraphSdl(storefront)).toThrow('authenticated/v0.1 is for: SECURITY but is unsupported');
    const acknowledged = acknowledgeSubgraphAuthorization(storefront);
    expect(extractSubgraphsFromSupergraphSdl(acknowledged)).toHaveLength(roster.length);
    expect(acknowledged).toContain('email: String @join__field(graph: ACCOUNTS) @authenticated @policy(policies: [["owner"]])');
    expect(acknowledged).toContain('@link(url: "https://specs.apollo.dev/join/v0.4", for: EXECUTION)');
  });

  it('still refuses any other security feature', () => {
    const other = storefront.replace('@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)', '@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)\n  @link(url: "https://example.com/rbac/v1.0", for: SECURITY)');
    expect(() => extractSubgraphsFromSupergraphSdl(acknowledgeSubgraphAuthorization(other))).toThrow('rbac/v1.0 is for: SECURITY but is unsupported');
  });

  it('leaves a supergraph without them as it is', () => {
    const plain = 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query }\ntype Query { a: Int }\n';
    expect(acknowledgeSubgraphAuthorization(plain)).toBe(plain);
  });
});
