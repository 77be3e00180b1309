import type { IncomingMessage } from 'node:http';
import type { EntityCache, EntityClient, Identity } from '@tributary/service-kit';
import { createLoaders, type ReviewsLoaderSettings, type ReviewsLoaders } from './loaders.ts';
import type { ReviewStore } from './review-store.ts';

type Owner = Pick<EntityClient, 'existing'>;

export interface ReviewsContext {
  store: ReviewStore;
  cache: EntityCache;
  loaders: ReviewsLoaders;
  /** The services that own users and products, asked before a review is written. */
  owners: { accounts: Owner; products: Owner };
  /** The caller, as the gateway signed it; null when anonymous. */
  viewer: Identity | null;
}

/** One context per request: fresh loaders, so nothing is memoized across requests or users. */
export const contextFactory =
  (store: ReviewStore, settings: ReviewsLoaderSettings, owners: ReviewsContext['owners']) =>
  async (_req: IncomingMessage, viewer: Identity | null): Promise<ReviewsContext> => ({
    store,
    cache: settings.cache,
    owners,
    loaders: createLoaders(store, settings),
    viewer,
  });
