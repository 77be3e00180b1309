import type DataLoader from 'dataloader';
import { entityLoader, type LoaderSettings } from '@tributary/service-kit/subgraph';
import type { User, UserStore } from './user-store.ts';

export interface AccountsLoaders {
  user: DataLoader<string, User | null>;
}

export interface AccountsLoaderSettings extends LoaderSettings {
  userTtlSeconds: number;
}

const ID = /^[1-9]\d{0,17}$/;
export const isUserId = (id: string) => ID.test(id);

/** Per request: every user lookup in one tick becomes one cache read and at most one query. */
export function createLoaders(store: UserStore, settings: AccountsLoaderSettings): AccountsLoaders {
  return {
    user: entityLoader(settings, {
      type: 'User',
      ttlSeconds: settings.userTtlSeconds,
      isValid: isUserId,
      fetch: async (ids) => new Map((await store.findByIds(ids)).map((u) => [u.id, u])),
    }),
  };
}
