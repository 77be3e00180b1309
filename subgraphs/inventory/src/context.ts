import type { IncomingMessage } from 'node:http';
import type { EntityCache, EntityClient, Identity } from '@tributary/service-kit';
import { createLoaders, type InventoryLoaderSettings, type InventoryLoaders } from './loaders.ts';
import type { StockStore } from './stock-store.ts';

export interface InventoryContext {
  store: StockStore;
  cache: EntityCache;
  loaders: InventoryLoaders;
  /** The products subgraph, asked whether a UPC exists before stock is written. */
  products: Pick<EntityClient, 'existing'>;
  /** The caller, as the gateway signed it; null when anonymous. */
  viewer: Identity | null;
}

/** One context per request: fresh loaders, so nothing is memoized across requests or users. */
export const contextFactory =
  (store: StockStore, settings: InventoryLoaderSettings, products: Pick<EntityClient, 'existing'>) =>
  async (_req: IncomingMessage, viewer: Identity | null): Promise<InventoryContext> => ({
    store,
    cache: settings.cache,
    products,
    loaders: createLoaders(store, settings),
    viewer,
  });
