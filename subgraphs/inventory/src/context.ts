import type { IncomingMessage } from 'node:http';
import { viewerFrom, type EntityCache, type EntityClient, type Viewer } from '@tributary/service-kit';
import { createLoaders, type InventoryLoaderSettings, type InventoryLoaders } from './loaders.ts';
import type { StockStore } from './stock-store.ts';

export interface InventoryContext {
  store: StockStore;
  cache: EntityCache;
  loaders: InventoryLoaders;
  /** The products subgraph, asked whether a UPC exists before stock is written. */
  products: Pick<EntityClient, 'existing'>;
  viewer: Viewer | null;
}

/** One context per request: fresh loaders, so nothing is memoized across requests or users. */
export const contextFactory =
  (store: StockStore, settings: InventoryLoaderSettings, products: Pick<EntityClient, 'existing'>) =>
  async (req: IncomingMessage): Promise<InventoryContext> => ({
    store,
    cache: settings.cache,
    products,
    loaders: createLoaders(store, settings),
    viewer: viewerFrom(req),
  });
