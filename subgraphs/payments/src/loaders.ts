import type DataLoader from 'dataloader';
import { entityLoader, type LoaderSettings } from '@tributary/service-kit/subgraph';
import type { Credit, CreditStore } from './credit-store.ts';

export interface PaymentsLoaders {
  credit: DataLoader<string, Credit | null>;
}

export interface PaymentsLoaderSettings extends LoaderSettings {
  creditTtlSeconds: number;
}

export const isUserId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id);

/** Per request: every balance read in one tick is one cache read and at most one BatchGetItem per 100. */
export function createLoaders(store: CreditStore, settings: PaymentsLoaderSettings): PaymentsLoaders {
  return {
    credit: entityLoader(settings, {
      type: 'Credit',
      ttlSeconds: settings.creditTtlSeconds,
      isValid: isUserId,
      fetch: async (ids) => new Map((await store.findByUsers(ids)).map((c) => [c.userId, c])),
    }),
  };
}
