import DataLoader from 'dataloader';
import type { Stock, StockStore } from './stock-store.ts';

export interface InventoryLoaders {
  stock: DataLoader<string, Stock | null>;
}

export const isUpc = (upc: string) => /^[A-Za-z0-9_-]{1,64}$/.test(upc);

/** Per request: every stock lookup in one tick becomes one BatchGetItem (per 100). */
export function createLoaders(store: StockStore): InventoryLoaders {
  return {
    stock: new DataLoader(async (upcs) => {
      const valid = [...new Set(upcs.filter(isUpc))];
      const found = new Map((valid.length ? await store.findByUpcs(valid) : []).map((s) => [s.upc, s]));
      return upcs.map((upc) => found.get(upc) ?? null);
    }),
  };
}
