import type { IncomingMessage } from 'node:http';
import type { EntityCache, Identity } from '@tributary/service-kit';
import { createLoaders, type ProductsLoaderSettings, type ProductsLoaders } from './loaders.ts';
import type { ProductStore } from './product-store.ts';

export interface ProductsContext {
  store: ProductStore;
  cache: EntityCache;
  loaders: ProductsLoaders;
  /** The caller, as the gateway signed it; null when anonymous. */
  viewer: Identity | null;
}

/** One context per request: fresh loaders, so nothing is memoized across requests or users. */
export const contextFactory =
  (store: ProductStore, settings: ProductsLoaderSettings) =>
  async (_req: IncomingMessage, viewer: Identity | null): Promise<ProductsContext> => ({
    store,
    cache: settings.cache,
    loaders: createLoaders(store, settings),
    viewer,
  });
