import { openPostgres, startStorefrontSubgraph, type Logger, type RunningService } from '@tributary/service-kit';
import type { AccountsConfig } from './config.ts';
import { contextFactory, type AccountsContext } from './context.ts';
import { policies } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { seedAccounts } from './seed.ts';
import { UserStore } from './user-store.ts';

export const migrationsDir = new URL('../migrations', import.meta.url).pathname;

/** Wires config → store → loaders → resolvers → server, after migrating and seeding. */
export async function startAccounts(config: AccountsConfig, logger: Logger): Promise<RunningService> {
  const postgres = await openPostgres(config, logger, 'accounts', migrationsDir);
  const store = new UserStore(postgres.db);
  return startStorefrontSubgraph<AccountsContext>({
    name: 'accounts',
    config,
    logger,
    store: postgres,
    seed: (profile) => seedAccounts(store, profile),
    context: (loaders) => contextFactory(store, { ...loaders, userTtlSeconds: config.CACHE_TTL_USER_SECONDS }),
    resolvers,
    policies,
  });
}
