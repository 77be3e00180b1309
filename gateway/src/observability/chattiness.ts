import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { countInRequest, currentRequestScope, subgraphFetches, type RequestStats } from '@tributary/service-kit';

/** Adds what one subgraph response reported it cost to the client request's totals. */
export function recordSubgraphResponse(subgraph: string, extensions: Record<string, unknown> | undefined): void {
  subgraphFetches.inc({ subgraph });
  const reported = (extensions?.tributary ?? {}) as Partial<RequestStats>;
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  countInRequest({
    subgraphFetches: 1,
    storeRoundTrips: count(reported.storeRoundTrips),
    cacheHits: count(reported.cacheHits),
    cacheMisses: count(reported.cacheMisses),
    cacheBypasses: count(reported.cacheBypasses),
  });
}

/**
 * Outside production, tells the client what its request cost behind the gateway:
 * `extensions.chattiness` = subgraph fetches, store round trips, cache hits, misses and bypasses.
 */
export const chattinessPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const scope = currentRequestScope();
        if (!scope || response.body.kind !== 'single') return;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, chattiness: { ...scope.stats } };
      },
    };
  },
};
