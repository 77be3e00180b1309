import { describe, expect, it } from 'vitest';
import { seedIfEmpty, type SeedTarget } from './seed-if-empty.ts';

const target = (rows: number[]): SeedTarget<number> & { batches: number[][] } => {
  const batches: number[][] = [];
  return {
    batches,
    isEmpty: async () => rows.length === 0,
    insertMany: async (batch) => {
      batches.push([...batch]);
      rows.push(...batch);
    },
  };
};

describe('seedIfEmpty', () => {
  it('writes every row in batches into an empty store and says how many', async () => {
    const store = target([]);
    expect(await seedIfEmpty(store, [1, 2, 3, 4, 5], 2)).toBe(5);
    expect(store.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('writes nothing into a store that has data', async () => {
    const store = target([9]);
    expect(await seedIfEmpty(store, [1, 2], 2)).toBe(0);
    expect(store.batches).toEqual([]);
  });

  it('takes a count of rows for emptiness too', async () => {
    const rows = [7];
    const counted = { count: async () => rows.length, insertMany: async (batch: readonly number[]) => void rows.push(...batch) };
    expect(await seedIfEmpty(counted, [1], 1)).toBe(0);
    rows.length = 0;
    expect(await seedIfEmpty(counted, [1, 2], 1)).toBe(2);
  });
});
