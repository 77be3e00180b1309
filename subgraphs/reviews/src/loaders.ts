import DataLoader from 'dataloader';
import type { Review, ReviewStore } from './review-store.ts';

/** A list relation's key: whose reviews, and how many. */
export interface PageKey {
  key: string;
  first: number;
}

export interface ReviewsLoaders {
  review: DataLoader<string, Review | null>;
  byProduct: DataLoader<PageKey, Review[], string>;
  byAuthor: DataLoader<PageKey, Review[], string>;
}

const ID = /^[1-9]\d{0,17}$/;
export const isReviewId = (id: string) => ID.test(id);

/**
 * Per request. Entity lookups and both list relations each cost one query per tick, whatever
 * the number of parents; keys with different `first` are grouped, one query per page size.
 */
export function createLoaders(store: ReviewStore): ReviewsLoaders {
  const review = new DataLoader<string, Review | null>(async (ids) => {
    const valid = ids.filter(isReviewId);
    const found = new Map((valid.length ? await store.findByIds(valid) : []).map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });

  const pages = (fetch: (keys: string[], first: number) => Promise<Review[]>, field: 'productUpc' | 'authorId') =>
    new DataLoader<PageKey, Review[], string>(
      async (keys) => {
        const bySize = new Map<number, string[]>();
        for (const { key, first } of keys) bySize.set(first, [...(bySize.get(first) ?? []), key]);
        const results = new Map<string, Review[]>();
        await Promise.all(
          [...bySize].map(async ([first, ids]) => {
            for (const row of await fetch([...new Set(ids)], first)) {
              review.prime(row.id, row);
              const cacheKey = `${row[field]}:${first}`;
              results.set(cacheKey, [...(results.get(cacheKey) ?? []), row]);
            }
          }),
        );
        return keys.map(({ key, first }) => results.get(`${key}:${first}`) ?? []);
      },
      { cacheKeyFn: ({ key, first }) => `${key}:${first}` },
    );

  return {
    review,
    byProduct: pages((upcs, first) => store.newestByProducts(upcs, first), 'productUpc'),
    byAuthor: pages((ids, first) => store.newestByAuthors(ids, first), 'authorId'),
  };
}
