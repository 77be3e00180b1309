import type { EntityClient, SubgraphContext } from '@tributary/service-kit/subgraph';
import type { InventoryLoaders } from './loaders.ts';
import type { StockStore } from './stock-store.ts';

/** What each inventory resolver receives: the kit's bootstrap builds one per request. */
export type InventoryContext = SubgraphContext<StockStore, InventoryLoaders, { products: Pick<EntityClient, 'existing'> }>;
