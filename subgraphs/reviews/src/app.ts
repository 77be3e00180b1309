import {
  EntityClient,
  createDb,
  createEntityCache,
  createTracer,
  labelMetrics,
  migrate,
  postgresCheck,
  readinessOf,
  schemaFile,
  startSubgraph,
  type Logger,
  type RunningService,
} from '@tributary/service-kit';
import type { ReviewsConfig } from './config.ts';
import { contextFactory, type ReviewsContext } from './context.ts';
import { ReviewStore } from './review-store.ts';
import { resolvers } from './resolvers.ts';
import { seedReviews } from './seed.ts';

export const migrationsDir = new URL('../migrations', import.meta.url).pathname;

/** Wires config → store → loaders → resolvers → server, after migrating and seeding. */
export async function startReviews(config: ReviewsConfig, logger: Logger): Promise<RunningService> {
  const db = createDb({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, logger });
  const applied = await migrate(db, 'reviews', migrationsDir);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const store = new ReviewStore(db);
  labelMetrics('reviews');
  const cache = createEntityCache('reviews', config, logger, { sdlPath: schemaFile('reviews'), version: 1 });
  if (config.SEED_PROFILE !== 'none') {
    const seeded = await seedReviews(store, config.SEED_PROFILE);
    if (seeded) logger.info({ reviews: seeded, profile: config.SEED_PROFILE }, 'seeded');
  }
  return startSubgraph<ReviewsContext>({
    name: 'reviews',
    tracer: createTracer('reviews', config, logger),
    port: config.PORT,
    production: config.NODE_ENV === 'production',
    logger,
    sdlPath: schemaFile('reviews'),
    resolvers,
    identitySecret: config.IDENTITY_SIGNING_SECRET,
    context: contextFactory(
      store,
      {
        cache: cache.cache,
        batching: config.BATCHING_ENABLED,
        reviewTtlSeconds: config.CACHE_TTL_REVIEW_SECONDS,
        listTtlSeconds: config.CACHE_TTL_REVIEW_LIST_SECONDS,
      },
      {
        accounts: new EntityClient(config.SUBGRAPH_ACCOUNTS_URL),
        products: new EntityClient(config.SUBGRAPH_PRODUCTS_URL),
      },
    ),
    readiness: readinessOf({ postgres: postgresCheck(db) }),
    close: async () => {
      await cache.store?.close();
      await db.close();
    },
  });
}
