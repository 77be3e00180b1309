import { chunked, profiles, users, type SeedProfileName } from '@tributary/seed';
import type { UserStore } from './user-store.ts';

/** Seeds the accounts part of a profile when the table is empty. Returns rows inserted. */
export async function seedAccounts(store: UserStore, profile: SeedProfileName): Promise<number> {
  if ((await store.count()) > 0) return 0;
  let inserted = 0;
  for (const batch of chunked(users(profiles[profile]), 2_000)) {
    await store.insertMany(batch);
    inserted += batch.length;
  }
  return inserted;
}
