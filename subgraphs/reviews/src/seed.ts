import { chunked, profiles, reviews, type SeedProfileName } from '@tributary/seed';
import type { ReviewStore } from './review-store.ts';

/** Seeds the reviews part of a profile when the table is empty. Returns rows inserted. */
export async function seedReviews(store: ReviewStore, profile: SeedProfileName): Promise<number> {
  if ((await store.count()) > 0) return 0;
  let inserted = 0;
  for (const batch of chunked(reviews(profiles[profile]), 5_000)) {
    await store.insertMany(batch);
    inserted += batch.length;
  }
  return inserted;
}
