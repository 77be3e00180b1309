import type DataLoader from 'dataloader';
import { entityLoader, type LoaderSettings } from '@tributary/service-kit/subgraph';
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
  const product = entityLoader(settings, {
    type: 'Product',
    ttlSeconds: settings.productTtlSeconds,
    isValid: isUpc,
    fetch: async (upcs) => new Map((await store.findByUpcs(upcs)).map((p) => [p.upc, p])),
  });
  // The rank query returns whole products: keep them, so listing costs one round trip, not two.
  const topOf = async (first: string) => {
    const products = await store.top(Number(first));
    const byUpc = new Map(products.map((p) => [p.upc, p]));
    for (const [upc, p] of byUpc) product.prime(upc, p);
    await settings.cache.prime('Product', settings.productTtlSeconds, byUpc);
    return [first, [...byUpc.keys()]] as [string, string[]];
  };
  return {
    product,
    topUpcs: entityLoader(settings, {
      type: 'Product.top',
      ttlSeconds: settings.topTtlSeconds,
      isValid: (first) => /^\d{1,3}$/.test(first),
      fetch: async (firsts) => new Map(await Promise.all(firsts.map(topOf))),
    }),
  };
}
