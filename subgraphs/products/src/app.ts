import { products, profiles, seedIfEmpty } from '@tributary/seed';
import { sdlFile } from '@tributary/schema';
import { dynamoStoreWithOutbox, type SubgraphDefinition } from '@tributary/service-kit/subgraph';
import type { ProductsConfig } from './config.ts';
import type { ProductsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { ProductStore } from './product-store.ts';
import { resolvers } from './resolvers.ts';
import { productsTable } from './table.ts';

/** The catalog in DynamoDB: what the kit's bootstrap serves as the products subgraph. */
export const subgraph: SubgraphDefinition<ProductsConfig, ProductsContext> = {
  name: 'products',
  sdlPath: sdlFile('products'),
  openStore: dynamoStoreWithOutbox((config: ProductsConfig) => productsTable(config.PRODUCTS_TABLE), ProductStore),
  loaders: (store, settings, config) =>
    createLoaders(store, {
      ...settings,
      productTtlSeconds: config.CACHE_TTL_PRODUCT_SECONDS,
      topTtlSeconds: config.CACHE_TTL_TOP_PRODUCTS_SECONDS,
    }),
  seed: (store, profile) => seedIfEmpty(store, products(profiles[profile]), 500),
  resolvers,
};
