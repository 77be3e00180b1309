import { describe, expect, it } from 'vitest';
import { createLoaders } from './loaders.ts';
import { testLoaderSettings } from '../../../test-support/cache.ts';
import type { Review, ReviewStore } from './review-store.ts';

const review = (id: number, productUpc: string): Review => ({ id: String(id), authorId: '1', productUpc, body: 'b', rating: 3, createdAt: '' });

describe('review loaders', () => {
  it('batch a tick of list lookups into one query per page size, and prime the review loader', async () => {
    const calls: [string[], number][] = [];
    const store = {
      newestByProducts: async (upcs: string[], first: number) => {
        calls.push([upcs, first]);
        return upcs.flatMap((upc, i) => Array.from({ length: first }, (_, j) => review(i * 10 + j + 1, upc)));
      },
      findByIds: async () => {
        throw new Error('should be primed');
      },
    } as unknown as ReviewStore;
    const loaders = createLoaders(store, testLoaderSettings());
    const [a, b, a2, c] = await Promise.all([
      loaders.byProduct.load({ key: 'a', first: 2 }),
      loaders.byProduct.load({ key: 'b', first: 2 }),
      loaders.byProduct.load({ key: 'a', first: 2 }),
      loaders.byProduct.load({ key: 'c', first: 1 }),
    ]);
    expect(calls).toEqual([[['a', 'b'], 2], [['c'], 1]]);
    expect(a!.map((r) => r.productUpc)).toEqual(['a', 'a']);
    expect(b).toHaveLength(2);
    expect(a2).toBe(a);
    expect(c).toHaveLength(1);
    expect(await loaders.review.load(a![0]!.id)).toBe(a![0]);
  });
});
