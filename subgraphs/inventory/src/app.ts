import { EntityClient, openDynamo, startStorefrontSubgraph, type Logger, type RunningService } from '@tributary/service-kit';
import type { InventoryConfig } from './config.ts';
import { contextFactory, type InventoryContext } from './context.ts';
import { resolvers } from './resolvers.ts';
import { seedInventory } from './seed.ts';
import { StockStore } from './stock-store.ts';
import { inventoryTable } from './table.ts';

/** Wires config → store → loaders → resolvers → server, after creating (locally) and seeding the table. */
export async function startInventory(config: InventoryConfig, logger: Logger): Promise<RunningService> {
  const dynamo = await openDynamo(config, logger, inventoryTable(config.INVENTORY_TABLE));
  const store = new StockStore(dynamo.dynamo.doc, config.INVENTORY_TABLE);
  const products = new EntityClient(config.SUBGRAPH_PRODUCTS_URL);
  return startStorefrontSubgraph<InventoryContext>({
    name: 'inventory',
    config,
    logger,
    store: dynamo,
    seed: (profile) => seedInventory(store, profile),
    context: (loaders) => contextFactory(store, { ...loaders, stockTtlSeconds: config.CACHE_TTL_STOCK_SECONDS }, products),
    resolvers,
  });
}
