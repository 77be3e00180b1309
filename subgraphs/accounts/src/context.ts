import type { IncomingMessage } from 'node:http';
import type { EntityCache, Identity } from '@tributary/service-kit';
import { createLoaders, type AccountsLoaderSettings, type AccountsLoaders } from './loaders.ts';
import type { UserStore } from './user-store.ts';

export interface AccountsContext {
  store: UserStore;
  cache: EntityCache;
  loaders: AccountsLoaders;
  /** The caller, as the gateway signed it; null when anonymous. */
  viewer: Identity | null;
}

/** One context per request: fresh loaders, so nothing is memoized across requests or users. */
export const contextFactory =
  (store: UserStore, settings: AccountsLoaderSettings) =>
  async (_req: IncomingMessage, viewer: Identity | null): Promise<AccountsContext> => ({
    store,
    cache: settings.cache,
    loaders: createLoaders(store, settings),
    viewer,
  });
