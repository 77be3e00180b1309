import { EntityClient, openPostgres, startStorefrontSubgraph, type Logger, type RunningService } from '@tributary/service-kit';
import type { ReviewsConfig } from './config.ts';
import { contextFactory, type ReviewsContext } from './context.ts';
import { ReviewStore } from './review-store.ts';
import { resolvers } from './resolvers.ts';
import { seedReviews } from './seed.ts';

export const migrationsDir = new URL('../migrations', import.meta.url).pathname;

/** Wires config → store → loaders → resolvers → server, after migrating and seeding. */
export async function startReviews(config: ReviewsConfig, logger: Logger): Promise<RunningService> {
  const postgres = await openPostgres(config, logger, 'reviews', migrationsDir);
  const store = new ReviewStore(postgres.db);
  const owners = {
    accounts: new EntityClient(config.SUBGRAPH_ACCOUNTS_URL),
    products: new EntityClient(config.SUBGRAPH_PRODUCTS_URL),
  };
  return startStorefrontSubgraph<ReviewsContext>({
    name: 'reviews',
    config,
    logger,
    store: postgres,
    seed: (profile) => seedReviews(store, profile),
    context: (loaders) =>
      contextFactory(
        store,
        { ...loaders, reviewTtlSeconds: config.CACHE_TTL_REVIEW_SECONDS, listTtlSeconds: config.CACHE_TTL_REVIEW_LIST_SECONDS },
        owners,
      ),
    resolvers,
  });
}
