import { openDynamo, startStorefrontSubgraph, type Logger, type RunningService } from '@tributary/service-kit';
import type { ProductsConfig } from './config.ts';
import { contextFactory, type ProductsContext } from './context.ts';
import { ProductStore } from './product-store.ts';
import { resolvers } from './resolvers.ts';
import { seedProducts } from './seed.ts';
import { productsTable } from './table.ts';

/** Wires config → store → loaders → resolvers → server, after creating (locally) and seeding the table. */
export async function startProducts(config: ProductsConfig, logger: Logger): Promise<RunningService> {
  const dynamo = await openDynamo(config, logger, productsTable(config.PRODUCTS_TABLE));
  const store = new ProductStore(dynamo.dynamo.doc, config.PRODUCTS_TABLE);
  return startStorefrontSubgraph<ProductsContext>({
    name: 'products',
    config,
    logger,
    store: dynamo,
    seed: (profile) => seedProducts(store, profile),
    context: (loaders) =>
      contextFactory(store, {
        ...loaders,
        productTtlSeconds: config.CACHE_TTL_PRODUCT_SECONDS,
        topTtlSeconds: config.CACHE_TTL_TOP_PRODUCTS_SECONDS,
      }),
    resolvers,
  });
}
