import {
  EntityClient,
  createDynamo,
  createEntityCache,
  createTracer,
  labelMetrics,
  dynamoTableCheck,
  ensureTable,
  readinessOf,
  schemaFile,
  startSubgraph,
  type Logger,
  type RunningService,
} from '@tributary/service-kit';
import type { InventoryConfig } from './config.ts';
import { contextFactory, type InventoryContext } from './context.ts';
import { resolvers } from './resolvers.ts';
import { seedInventory } from './seed.ts';
import { StockStore } from './stock-store.ts';
import { inventoryTable } from './table.ts';

/** Wires config → store → loaders → resolvers → server, after creating (locally) and seeding the table. */
export async function startInventory(config: InventoryConfig, logger: Logger): Promise<RunningService> {
  const dynamo = createDynamo({
    region: config.AWS_REGION,
    endpoint: config.DYNAMODB_ENDPOINT,
    maxAttempts: config.DYNAMODB_MAX_ATTEMPTS,
    requestTimeoutMs: config.DYNAMODB_REQUEST_TIMEOUT_MS,
  });
  if (config.DYNAMODB_ENDPOINT && (await ensureTable(dynamo.client, inventoryTable(config.INVENTORY_TABLE)))) {
    logger.info({ table: config.INVENTORY_TABLE }, 'table created');
  }
  const store = new StockStore(dynamo.doc, config.INVENTORY_TABLE);
  labelMetrics('inventory');
  const cache = createEntityCache('inventory', config, logger, { sdlPath: schemaFile('inventory'), version: 1 });
  if (config.SEED_PROFILE !== 'none') {
    const seeded = await seedInventory(store, config.SEED_PROFILE);
    if (seeded) logger.info({ items: seeded, profile: config.SEED_PROFILE }, 'seeded');
  }
  return startSubgraph<InventoryContext>({
    name: 'inventory',
    tracer: createTracer('inventory', config, logger),
    port: config.PORT,
    production: config.NODE_ENV === 'production',
    logger,
    sdlPath: schemaFile('inventory'),
    resolvers,
    identitySecret: config.IDENTITY_SIGNING_SECRET,
    context: contextFactory(
      store,
      { cache: cache.cache, batching: config.BATCHING_ENABLED, stockTtlSeconds: config.CACHE_TTL_STOCK_SECONDS },
      new EntityClient(config.SUBGRAPH_PRODUCTS_URL),
    ),
    readiness: readinessOf({ dynamodb: dynamoTableCheck(dynamo.client, config.INVENTORY_TABLE) }),
    close: async () => {
      await cache.store?.close();
      dynamo.close();
    },
  });
}
