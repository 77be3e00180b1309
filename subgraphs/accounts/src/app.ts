import { profiles, seedIfEmpty, users } from '@tributary/seed';
import { sdlFile } from '@tributary/schema';
import { postgresStoreWithOutbox, type SubgraphDefinition } from '@tributary/service-kit/subgraph';
import type { AccountsConfig } from './config.ts';
import type { AccountsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { policies } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { UserStore } from './user-store.ts';

export const migrationsDir = new URL('../migrations', import.meta.url).pathname;

/** Users in PostgreSQL: what the kit's bootstrap serves as the accounts subgraph. */
export const subgraph: SubgraphDefinition<AccountsConfig, AccountsContext> = {
  name: 'accounts',
  sdlPath: sdlFile('accounts'),
  openStore: postgresStoreWithOutbox('accounts', migrationsDir, UserStore),
  loaders: (store, settings, config) => createLoaders(store, { ...settings, userTtlSeconds: config.CACHE_TTL_USER_SECONDS }),
  seed: (store, profile) => seedIfEmpty(store, users(profiles[profile]), 2_000),
  resolvers,
  policies,
};
