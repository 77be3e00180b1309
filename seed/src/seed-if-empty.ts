import { chunked } from './storefront.ts';

/** What seeding needs of a service's store. */
export interface SeedTarget<T> {
  isEmpty(): Promise<boolean>;
  insertMany(rows: readonly T[]): Promise<void>;
}

/**
 * Writes `rows` in batches of `batchSize`, only into an empty store (a restart must not seed
 * twice). Returns how many rows were written: 0 when the store had data.
 */
export async function seedIfEmpty<T>(store: SeedTarget<T>, rows: Iterable<T>, batchSize: number): Promise<number> {
  if (!(await store.isEmpty())) return 0;
  let written = 0;
  for (const batch of chunked(rows, batchSize)) {
    await store.insertMany(batch);
    written += batch.length;
  }
  return written;
}
