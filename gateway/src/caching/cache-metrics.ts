import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { recordCacheLookups } from '@tributary/service-kit';

/**
 * Counts the gateway's own cache lookups for the `CacheHits`/`CacheMisses` metrics: `apq` for a
 * request sending a persisted query's hash without its document (found, or answered
 * PERSISTED_QUERY_NOT_FOUND), `response` for each query the whole-response cache was asked for.
 */
export function cacheMetricsPlugin(responseCache: boolean): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const apqLookup = Boolean(request.extensions?.persistedQuery) && !request.query;
      let found = false;
      return {
        async didResolveSource() {
          found = true;
        },
        async willSendResponse({ metrics, operation }) {
          if (apqLookup) recordCacheLookups('apq', found ? 1 : 0, found ? 0 : 1);
          if (responseCache && operation?.operation === 'query' && metrics.responseCacheHit !== undefined) {
            recordCacheLookups('response', metrics.responseCacheHit ? 1 : 0, metrics.responseCacheHit ? 0 : 1);
          }
        },
      };
    },
  };
}
