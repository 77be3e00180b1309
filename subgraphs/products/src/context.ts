import type { IncomingMessage } from 'node:http';
import { viewerFrom, type Viewer } from '@tributary/service-kit';
import { createLoaders, type ProductsLoaders } from './loaders.ts';
import type { ProductStore } from './product-store.ts';

export interface ProductsContext {
  store: ProductStore;
  loaders: ProductsLoaders;
  viewer: Viewer | null;
}

/** One context per request: fresh loaders, so nothing is cached across requests or users. */
export const contextFactory = (store: ProductStore) => async (req: IncomingMessage): Promise<ProductsContext> => ({
  store,
  loaders: createLoaders(store),
  viewer: viewerFrom(req),
});
