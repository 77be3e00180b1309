import type { IncomingMessage } from 'node:http';
import { viewerFrom, type EntityCache, type Viewer } from '@tributary/service-kit';
import { createLoaders, type AccountsLoaderSettings, type AccountsLoaders } from './loaders.ts';
import type { UserStore } from './user-store.ts';

export interface AccountsContext {
  store: UserStore;
  cache: EntityCache;
  loaders: AccountsLoaders;
  viewer: Viewer | null;
}

/** One context per request: fresh loaders, so nothing is memoized across requests or users. */
export const contextFactory =
  (store: UserStore, settings: AccountsLoaderSettings) =>
  async (req: IncomingMessage): Promise<AccountsContext> => ({
    store,
    cache: settings.cache,
    loaders: createLoaders(store, settings),
    viewer: viewerFrom(req),
  });
