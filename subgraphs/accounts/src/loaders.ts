import DataLoader from 'dataloader';
import type { User, UserStore } from './user-store.ts';

export interface AccountsLoaders {
  user: DataLoader<string, User | null>;
}

const ID = /^[1-9]\d{0,17}$/;

/** Per request: every user lookup in one tick becomes one query. */
export function createLoaders(store: UserStore): AccountsLoaders {
  return {
    user: new DataLoader(async (ids) => {
      const valid = ids.filter((id) => ID.test(id));
      const found = new Map((valid.length ? await store.findByIds(valid) : []).map((u) => [u.id, u]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}

export const isUserId = (id: string) => ID.test(id);
