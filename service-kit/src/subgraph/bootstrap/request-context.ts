import type { Identity } from '../../identity/signed-identity.ts';
import type { EntityCache } from '../cache/entity-cache.ts';
import type { AnySubgraphContext, SubgraphConfig, SubgraphDefinition } from './subgraph-definition.ts';

/** What a request's context is made of besides its viewer: made once, at start. */
export interface ContextParts<TContext extends AnySubgraphContext> {
  store: TContext['store'];
  cache: EntityCache;
  subgraphs: TContext['subgraphs'];
}

/**
 * Each request's context: the one store, cache and subgraph clients, fresh loaders (nothing
 * memoized across requests or users) and the verified viewer. The server and the testing kit
 * both build it here, so a resolver test sees what a served request sees.
 */
export function requestContext<TConfig extends SubgraphConfig, TContext extends AnySubgraphContext>(
  definition: SubgraphDefinition<TConfig, TContext>,
  config: TConfig,
  { store, cache, subgraphs }: ContextParts<TContext>,
): (viewer: Identity | null) => TContext {
  const settings = { cache, batching: config.BATCHING_ENABLED };
  return (viewer) => ({ store, cache, loaders: definition.loaders(store, settings, config), viewer, subgraphs }) as TContext;
}
