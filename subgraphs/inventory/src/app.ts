import { profiles, seedIfEmpty, stock } from '@tributary/seed';
import { sdlFile } from '@tributary/schema';
import { dynamoStore, EntityClient, type SubgraphDefinition } from '@tributary/service-kit/subgraph';
import type { InventoryConfig } from './config.ts';
import type { InventoryContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { StockStore } from './stock-store.ts';
import { inventoryTable } from './table.ts';

/** Stock in DynamoDB: what the kit's bootstrap serves as the inventory subgraph. */
export const subgraph: SubgraphDefinition<InventoryConfig, InventoryContext> = {
  name: 'inventory',
  sdlPath: sdlFile('inventory'),
  openStore: dynamoStore((config: InventoryConfig) => inventoryTable(config.INVENTORY_TABLE), StockStore),
  loaders: (store, settings, config) => createLoaders(store, { ...settings, stockTtlSeconds: config.CACHE_TTL_STOCK_SECONDS }),
  // Stock mutations check that the product exists, through the graph.
  subgraphs: (config) => ({ products: new EntityClient('products', config.SUBGRAPH_PRODUCTS_URL) }),
  seed: (store, profile) => seedIfEmpty(store, stock(profiles[profile]), 500),
  resolvers,
};
