import DataLoader from 'dataloader';
import type { Product, ProductStore } from './product-store.ts';

export interface ProductsLoaders {
  product: DataLoader<string, Product | null>;
}

/** UPCs are 1 to 64 characters of letters, digits, '-' or '_'. */
export const isUpc = (upc: string) => /^[A-Za-z0-9_-]{1,64}$/.test(upc);

/** Per request: every product lookup in one tick becomes one BatchGetItem (per 100). */
export function createLoaders(store: ProductStore): ProductsLoaders {
  return {
    product: new DataLoader(async (upcs) => {
      const valid = [...new Set(upcs.filter(isUpc))];
      const found = new Map((valid.length ? await store.findByUpcs(valid) : []).map((p) => [p.upc, p]));
      return upcs.map((upc) => found.get(upc) ?? null);
    }),
  };
}
