import { Kind, parse, print, visit } from 'graphql';

/** The authorization features Tributary's subgraphs enforce themselves (service-kit's enforceAuthorization). */
const ENFORCED_BY_SUBGRAPHS = new Set([
  'https://specs.apollo.dev/authenticated/v0.1',
  'https://specs.apollo.dev/requiresScopes/v0.1',
  'https://specs.apollo.dev/policy/v0.1',
]);

/**
 * Composition links `@authenticated`, `@requiresScopes` and `@policy` `for: SECURITY`, which
 * tells a gateway that cannot enforce them to refuse the supergraph, and @apollo/gateway cannot.
 * Here the subgraphs enforce them, so the gateway drops that purpose from those three links (and
 * only those: any other security feature is still refused) before loading the supergraph. The
 * directives themselves stay in the served schema.
 */
export function acknowledgeSubgraphAuthorization(supergraphSdl: string): string {
  let changed = false;
  const document = visit(parse(supergraphSdl), {
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      const url = node.arguments?.find((a) => a.name.value === 'url')?.value;
      const purpose = node.arguments?.find((a) => a.name.value === 'for')?.value;
      if (url?.kind !== Kind.STRING || !ENFORCED_BY_SUBGRAPHS.has(url.value)) return undefined;
      if (purpose?.kind !== Kind.ENUM || purpose.value !== 'SECURITY') return undefined;
      changed = true;
      return { ...node, arguments: node.arguments!.filter((a) => a.name.value !== 'for') };
    },
  });
  return changed ? print(document) : supergraphSdl;
}
