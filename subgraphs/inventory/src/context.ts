import type { EntityClient, SubgraphContext } from '@tributary/service-kit/subgraph';
import type { InventoryLoaders } from './loaders.ts';
import type { StockStore } from './stock-store.ts';

/** What each inventory resolver receives: the kit's bootstrap builds one per request. */
export type InventoryContext = SubgraphContext<StockStore, InventoryLoaders, { products: Pick<EntityClient, 'existing'> }>;

/**
 * A Product as inventory's field resolvers see it: the reference the gateway sent (the key, and
 * `price` and `weight` when `shippingEstimate` requires them) with the stock looked up for it.
 */
export interface ProductRef {
  upc: string;
  price?: number;
  weight?: number;
  quantity?: number;
}
