import type { IncomingMessage } from 'node:http';
import { viewerFrom, type EntityClient, type Viewer } from '@tributary/service-kit';
import { createLoaders, type InventoryLoaders } from './loaders.ts';
import type { StockStore } from './stock-store.ts';

export interface InventoryContext {
  store: StockStore;
  loaders: InventoryLoaders;
  /** The products subgraph, asked whether a UPC exists before stock is written. */
  products: Pick<EntityClient, 'existing'>;
  viewer: Viewer | null;
}

/** One context per request: fresh loaders, so nothing is cached across requests or users. */
export const contextFactory =
  (store: StockStore, products: Pick<EntityClient, 'existing'>) =>
  async (req: IncomingMessage): Promise<InventoryContext> => ({
    store,
    products,
    loaders: createLoaders(store),
    viewer: viewerFrom(req),
  });
