import { chunked } from './storefront.ts';

/** What seeding needs of a service's store: bulk inserts, and whether it is empty (or its count). */
export type SeedTarget<T> = { insertMany(rows: readonly T[]): Promise<void> } & (
  | { isEmpty(): Promise<boolean> }
  | { count(): Promise<number> }
);

const isEmpty = async <T>(store: SeedTarget<T>) => ('isEmpty' in store ? store.isEmpty() : (await store.count()) === 0);

/**
 * Writes `rows` in batches of `batchSize`, only into an empty store (a restart must not seed
 * twice). Returns how many rows were written: 0 when the store had data.
 */
export async function seedIfEmpty<T>(store: SeedTarget<T>, rows: Iterable<T>, batchSize: number): Promise<number> {
  if (!(await isEmpty(store))) return 0;
  let written = 0;
  for (const batch of chunked(rows, batchSize)) {
    await store.insertMany(batch);
    written += batch.length;
  }
  return written;
}
