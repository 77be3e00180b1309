import {
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
import type { ProductsConfig } from './config.ts';
import { contextFactory, type ProductsContext } from './context.ts';
import { ProductStore } from './product-store.ts';
import { resolvers } from './resolvers.ts';
import { seedProducts } from './seed.ts';
import { productsTable } from './table.ts';

/** Wires config → store → loaders → resolvers → server, after creating (locally) and seeding the table. */
export async function startProducts(config: ProductsConfig, logger: Logger): Promise<RunningService> {
  const dynamo = createDynamo({
    region: config.AWS_REGION,
    endpoint: config.DYNAMODB_ENDPOINT,
    maxAttempts: config.DYNAMODB_MAX_ATTEMPTS,
    requestTimeoutMs: config.DYNAMODB_REQUEST_TIMEOUT_MS,
  });
  if (config.DYNAMODB_ENDPOINT && (await ensureTable(dynamo.client, productsTable(config.PRODUCTS_TABLE)))) {
    logger.info({ table: config.PRODUCTS_TABLE }, 'table created');
  }
  const store = new ProductStore(dynamo.doc, config.PRODUCTS_TABLE);
  labelMetrics('products');
  const cache = createEntityCache('products', config, logger, { sdlPath: schemaFile('products'), version: 1 });
  if (config.SEED_PROFILE !== 'none') {
    const seeded = await seedProducts(store, config.SEED_PROFILE);
    if (seeded) logger.info({ products: seeded, profile: config.SEED_PROFILE }, 'seeded');
  }
  return startSubgraph<ProductsContext>({
    name: 'products',
    tracer: createTracer('products', config, logger),
    port: config.PORT,
    production: config.NODE_ENV === 'production',
    logger,
    sdlPath: schemaFile('products'),
    resolvers,
    identitySecret: config.IDENTITY_SIGNING_SECRET,
    context: contextFactory(store, {
      cache: cache.cache,
      batching: config.BATCHING_ENABLED,
      productTtlSeconds: config.CACHE_TTL_PRODUCT_SECONDS,
      topTtlSeconds: config.CACHE_TTL_TOP_PRODUCTS_SECONDS,
    }),
    readiness: readinessOf({ dynamodb: dynamoTableCheck(dynamo.client, config.PRODUCTS_TABLE) }),
    close: async () => {
      await cache.store?.close();
      dynamo.close();
    },
  });
}
