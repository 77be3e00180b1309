import type DataLoader from 'dataloader';
import { entityLoader, type LoaderSettings } from '@tributary/service-kit';
import type { Product, ProductStore } from './product-store.ts';

export interface ProductsLoaders {
  product: DataLoader<string, Product | null>;
  /** The UPCs of the top `first` products, cached as a list; the products come from `product`. */
  topUpcs: DataLoader<string, string[] | null>;
}

export interface ProductsLoaderSettings extends LoaderSettings {
  productTtlSeconds: number;
  topTtlSeconds: number;
}

/** UPCs are 1 to 64 characters of letters, digits, '-' or '_'. */
export const isUpc = (upc: string) => /^[A-Za-z0-9_-]{1,64}$/.test(upc);

/** Per request: every product lookup in one tick becomes one cache read and at most one BatchGetItem per 100. */
export function createLoaders(store: ProductStore, settings: ProductsLoaderSettings): ProductsLoaders {
  return {
    product: entityLoader(settings, {
      type: 'Product',
      ttlSeconds: settings.productTtlSeconds,
      isValid: isUpc,
      fetch: async (upcs) => new Map((await store.findByUpcs(upcs)).map((p) => [p.upc, p])),
    }),
    topUpcs: entityLoader(settings, {
      type: 'Product.top',
      ttlSeconds: settings.topTtlSeconds,
      isValid: (first) => /^\d{1,3}$/.test(first),
      fetch: async (firsts) =>
        new Map(await Promise.all(firsts.map(async (first) => [first, (await store.top(Number(first))).map((p) => p.upc)] as const))),
    }),
  };
}
