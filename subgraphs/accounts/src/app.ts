import {
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
import type { AccountsConfig } from './config.ts';
import { contextFactory, type AccountsContext } from './context.ts';
import { policies } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { seedAccounts } from './seed.ts';
import { UserStore } from './user-store.ts';

export const migrationsDir = new URL('../migrations', import.meta.url).pathname;

/** Wires config → store → loaders → resolvers → server, after migrating and seeding. */
export async function startAccounts(config: AccountsConfig, logger: Logger): Promise<RunningService> {
  const db = createDb({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, logger });
  const applied = await migrate(db, 'accounts', migrationsDir);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const store = new UserStore(db);
  labelMetrics('accounts');
  const cache = createEntityCache('accounts', config, logger, { sdlPath: schemaFile('accounts'), version: 1 });
  if (config.SEED_PROFILE !== 'none') {
    const seeded = await seedAccounts(store, config.SEED_PROFILE);
    if (seeded) logger.info({ users: seeded, profile: config.SEED_PROFILE }, 'seeded');
  }
  return startSubgraph<AccountsContext>({
    name: 'accounts',
    tracer: createTracer('accounts', config, logger),
    port: config.PORT,
    production: config.NODE_ENV === 'production',
    logger,
    sdlPath: schemaFile('accounts'),
    resolvers,
    policies,
    identitySecret: config.IDENTITY_SIGNING_SECRET,
    context: contextFactory(store, {
      cache: cache.cache,
      batching: config.BATCHING_ENABLED,
      userTtlSeconds: config.CACHE_TTL_USER_SECONDS,
    }),
    readiness: readinessOf({ postgres: postgresCheck(db) }),
    close: async () => {
      await cache.store?.close();
      await db.close();
    },
  });
}
