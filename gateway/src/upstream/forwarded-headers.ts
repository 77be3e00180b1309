import type { GatewayContext } from '../context.ts';
import type { SubgraphHeadersHook } from './subgraph-data-source.ts';

/**
 * What a client request's context sends to the subgraphs beyond its operation and viewer: the
 * `subgraphHeaders` hook's headers for every subgraph served. Two requests that agree on these
 * send the same subgraph requests, so this is their share of the deduplication key.
 */
export function forwardedHeaders<TContext extends GatewayContext>(
  hook: SubgraphHeadersHook<TContext> | undefined,
  subgraphs: () => { name: string; url: string }[],
): (context: TContext) => unknown {
  if (!hook) return () => undefined;
  return (context) => Promise.all(subgraphs().map(({ name, url }) => hook({ subgraph: name, url, context })));
}
