import { chunked, products, profiles, type SeedProfileName } from '@tributary/seed';
import type { ProductStore } from './product-store.ts';

/** Seeds the catalog part of a profile when the table is empty. Returns items written. */
export async function seedProducts(store: ProductStore, profile: SeedProfileName): Promise<number> {
  if (!(await store.isEmpty())) return 0;
  let written = 0;
  for (const batch of chunked(products(profiles[profile]), 500)) {
    await store.insertMany(batch);
    written += batch.length;
  }
  return written;
}
