import type { IncomingMessage } from 'node:http';
import { viewerFrom, type Viewer } from '@tributary/service-kit';
import { createLoaders, type AccountsLoaders } from './loaders.ts';
import type { UserStore } from './user-store.ts';

export interface AccountsContext {
  store: UserStore;
  loaders: AccountsLoaders;
  viewer: Viewer | null;
}

/** One context per request: fresh loaders, so nothing is cached across requests or users. */
export const contextFactory = (store: UserStore) => async (req: IncomingMessage): Promise<AccountsContext> => ({
  store,
  loaders: createLoaders(store),
  viewer: viewerFrom(req),
});
