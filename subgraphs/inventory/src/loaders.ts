import type DataLoader from 'dataloader';
import { entityLoader, type LoaderSettings } from '@tributary/service-kit/subgraph';
import type { Stock, StockStore } from './stock-store.ts';

export interface InventoryLoaders {
  stock: DataLoader<string, Stock | null>;
}

export interface InventoryLoaderSettings extends LoaderSettings {
  stockTtlSeconds: number;
}

export const isUpc = (upc: string) => /^[A-Za-z0-9_-]{1,64}$/.test(upc);

/** Per request: every stock lookup in one tick becomes one cache read and at most one BatchGetItem per 100. */
export function createLoaders(store: StockStore, settings: InventoryLoaderSettings): InventoryLoaders {
  return {
    stock: entityLoader(settings, {
      type: 'Stock',
      ttlSeconds: settings.stockTtlSeconds,
      isValid: isUpc,
      fetch: async (upcs) => new Map((await store.findByUpcs(upcs)).map((s) => [s.upc, s])),
    }),
  };
}
