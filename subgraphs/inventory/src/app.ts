import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { profiles, seedIfEmpty, stock } from '@tributary/seed';
import { sdlFile } from '@tributary/schema';
import { dynamoStoreWithOutbox, EntityClient, type DynamoOutboxRelay, type SubgraphDefinition } from '@tributary/service-kit/subgraph';
import type { InventoryConfig } from './config.ts';
import type { InventoryContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { startReservationSweeper } from './reservation-sweeper.ts';
import { resolvers } from './resolvers.ts';
import { StockStore } from './stock-store.ts';
import { inventoryTable } from './table.ts';

/** Stock in DynamoDB: what the kit's bootstrap serves as the inventory subgraph. */
export const subgraph: SubgraphDefinition<InventoryConfig, InventoryContext> = {
  name: 'inventory',
  sdlPath: sdlFile('inventory'),
  // The reservations' expiry is the service's setting: the store class is made with it.
  openStore: (config, logger) =>
    dynamoStoreWithOutbox(
      (c: InventoryConfig) => inventoryTable(c.INVENTORY_TABLE),
      class extends StockStore {
        constructor(doc: DynamoDBDocumentClient, table: string, events: DynamoOutboxRelay) {
          super(doc, table, events, config.RESERVATION_TTL_SECONDS * 1_000);
        }
      },
    )(config, logger),
  loaders: (store, settings, config) => createLoaders(store, { ...settings, stockTtlSeconds: config.CACHE_TTL_STOCK_SECONDS }),
  // Stock mutations check that the product exists, through the graph.
  subgraphs: (config) => ({ products: new EntityClient('products', config.SUBGRAPH_PRODUCTS_URL) }),
  seed: (store, profile) => seedIfEmpty(store, stock(profiles[profile]), 500),
  worker: (store, { cache, logger, config }) => startReservationSweeper(store, cache, logger, config.RESERVATION_SWEEP_INTERVAL_MS),
  resolvers,
};
