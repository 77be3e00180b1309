import DataLoader from 'dataloader';
import { groupBy, type LoaderSettings } from '@tributary/service-kit/subgraph';
import type { OrderEvent } from './order-events.ts';
import type { OrderRow, OrderStore } from './order-store.ts';
import { isOrderId } from './validation.ts';

export interface PageKey {
  key: string;
  first: number;
}

export interface OrdersLoaders {
  order: DataLoader<string, OrderRow | null>;
  byUser: DataLoader<PageKey, OrderRow[], string>;
  history: DataLoader<string, OrderEvent[]>;
}

export const MAX_PAGE = 50;

/**
 * Per request, one query per tick for each of: orders by id, users' newest orders (per page
 * size), orders' histories. Not through the entity cache: an order changes while its saga runs,
 * and only its owner reads it.
 */
export function createLoaders(store: OrderStore, { batching }: LoaderSettings): OrdersLoaders {
  return {
    order: new DataLoader(
      async (ids) => {
        const valid = ids.filter(isOrderId);
        const found = new Map((valid.length ? await store.findByIds(valid) : []).map((o) => [o.id, o]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { batch: batching },
    ),
    byUser: new DataLoader<PageKey, OrderRow[], string>(
      async (keys) => {
        const results = new Map<string, OrderRow[]>();
        await Promise.all(
          [...groupBy(keys, (k) => String(k.first))].map(async ([first, group]) => {
            const byUser = groupBy(await store.newestByUsers([...new Set(group.map((k) => k.key))], Number(first)), (o) => o.userId);
            for (const { key } of group) results.set(`${key}:${first}`, byUser.get(key) ?? []);
          }),
        );
        return keys.map(({ key, first }) => results.get(`${key}:${first}`) ?? []);
      },
      { cacheKeyFn: ({ key, first }) => `${key}:${first}`, batch: batching },
    ),
    history: new DataLoader(
      async (ids) => {
        const history = await store.historyOf(ids);
        return ids.map((id) => history.get(id) ?? []);
      },
      { batch: batching },
    ),
  };
}
