import { chunked, profiles, stock, type SeedProfileName } from '@tributary/seed';
import type { StockStore } from './stock-store.ts';

/** Seeds the stock part of a profile when the table is empty. Returns items written. */
export async function seedInventory(store: StockStore, profile: SeedProfileName): Promise<number> {
  if (!(await store.isEmpty())) return 0;
  let written = 0;
  for (const batch of chunked(stock(profiles[profile]), 500)) {
    await store.insertMany(batch);
    written += batch.length;
  }
  return written;
}
