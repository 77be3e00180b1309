import { profiles, seedIfEmpty, stock } from '@tributary/seed';
import { sdlFile } from '@tributary/schema';
import { defineSubgraph, EntityClient, openDynamo } from '@tributary/service-kit/subgraph';
import type { InventoryConfig } from './config.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { StockStore } from './stock-store.ts';
import { inventoryTable } from './table.ts';

/** Stock in DynamoDB: what the kit's bootstrap serves as the inventory subgraph. */
export const subgraph = defineSubgraph({
  name: 'inventory',
  sdlPath: sdlFile('inventory'),
  openStore: async (config: InventoryConfig, logger) => {
    const dynamo = await openDynamo(config, logger, inventoryTable(config.INVENTORY_TABLE));
    return { ...dynamo, store: new StockStore(dynamo.dynamo.doc, config.INVENTORY_TABLE) };
  },
  loaders: (store, settings, config) => createLoaders(store, { ...settings, stockTtlSeconds: config.CACHE_TTL_STOCK_SECONDS }),
  // Stock mutations check that the product exists, through the graph.
  subgraphs: (config) => ({ products: new EntityClient(config.SUBGRAPH_PRODUCTS_URL) }),
  seed: (store, profile) => seedIfEmpty(store, stock(profiles[profile]), 500),
  resolvers,
});
