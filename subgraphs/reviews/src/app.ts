import { profiles, reviews, seedIfEmpty } from '@tributary/seed';
import { sdlFile } from '@tributary/schema';
import { EntityClient, postgresStoreWithOutbox, type SubgraphDefinition } from '@tributary/service-kit/subgraph';
import type { ReviewsConfig } from './config.ts';
import type { ReviewsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { ReviewStore } from './review-store.ts';

export const migrationsDir = new URL('../migrations', import.meta.url).pathname;

/** Reviews in PostgreSQL: what the kit's bootstrap serves as the reviews subgraph. */
export const subgraph: SubgraphDefinition<ReviewsConfig, ReviewsContext> = {
  name: 'reviews',
  sdlPath: sdlFile('reviews'),
  openStore: postgresStoreWithOutbox('reviews', migrationsDir, ReviewStore),
  loaders: (store, settings, config) =>
    createLoaders(store, { ...settings, reviewTtlSeconds: config.CACHE_TTL_REVIEW_SECONDS, listTtlSeconds: config.CACHE_TTL_REVIEW_LIST_SECONDS }),
  // The owners of users and products, asked before a review is written.
  subgraphs: (config) => ({
    accounts: new EntityClient('accounts', config.SUBGRAPH_ACCOUNTS_URL),
    products: new EntityClient('products', config.SUBGRAPH_PRODUCTS_URL),
  }),
  seed: (store, profile) => seedIfEmpty(store, reviews(profiles[profile]), 5_000),
  resolvers,
};
