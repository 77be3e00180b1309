import type { IncomingMessage } from 'node:http';
import { viewerFrom, type EntityCache, type Viewer } from '@tributary/service-kit';
import { createLoaders, type ProductsLoaderSettings, type ProductsLoaders } from './loaders.ts';
import type { ProductStore } from './product-store.ts';

export interface ProductsContext {
  store: ProductStore;
  cache: EntityCache;
  loaders: ProductsLoaders;
  viewer: Viewer | null;
}

/** One context per request: fresh loaders, so nothing is memoized across requests or users. */
export const contextFactory =
  (store: ProductStore, settings: ProductsLoaderSettings) =>
  async (req: IncomingMessage): Promise<ProductsContext> => ({
    store,
    cache: settings.cache,
    loaders: createLoaders(store, settings),
    viewer: viewerFrom(req),
  });
