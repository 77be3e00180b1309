import DataLoader from 'dataloader';
import { entityLoader, groupBy, type LoaderSettings } from '@tributary/service-kit/subgraph';
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

export interface ReviewsLoaderSettings extends LoaderSettings {
  reviewTtlSeconds: number;
  listTtlSeconds: number;
}

/** Largest page of a list relation; writes invalidate every page size up to it. */
export const MAX_PAGE = 50;
export const PRODUCT_REVIEWS = 'Product.reviews';
export const USER_REVIEWS = 'User.reviews';

const ID = /^[1-9]\d{0,17}$/;
export const isReviewId = (id: string) => ID.test(id);

/**
 * Per request. Entity lookups and both list relations each cost one cache read and at most one
 * query per tick, whatever the number of parents; keys with different `first` are grouped, one
 * query per page size. Lists are cached per parent and page size and invalidated on addReview.
 */
export function createLoaders(store: ReviewStore, settings: ReviewsLoaderSettings): ReviewsLoaders {
  const review = entityLoader(settings, {
    type: 'Review',
    ttlSeconds: settings.reviewTtlSeconds,
    isValid: isReviewId,
    fetch: async (ids) => new Map((await store.findByIds(ids)).map((r) => [r.id, r])),
  });

  const pages = (relation: string, fetch: (keys: string[], first: number) => Promise<Review[]>, field: 'productUpc' | 'authorId') =>
    new DataLoader<PageKey, Review[], string>(
      async (keys) => {
        const results = new Map<string, Review[]>();
        await Promise.all(
          [...groupBy(keys, (k) => String(k.first))].map(async ([first, group]) => {
            const load = settings.cache.batch<Review[]>({
              type: `${relation}:${first}`,
              ttlSeconds: settings.listTtlSeconds,
              fetch: async (ids) => {
                const byParent = groupBy(await fetch(ids, Number(first)), (r) => r[field]);
                return new Map(ids.map((id) => [id, byParent.get(id) ?? []]));
              },
            });
            const ids = [...new Set(group.map((k) => k.key))];
            const lists = await load(ids);
            ids.forEach((id, i) => {
              const list = lists[i] ?? [];
              results.set(`${id}:${first}`, list);
              for (const row of list) review.prime(row.id, row);
            });
          }),
        );
        return keys.map(({ key, first }) => results.get(`${key}:${first}`) ?? []);
      },
      { cacheKeyFn: ({ key, first }) => `${key}:${first}`, batch: settings.batching },
    );

  return {
    review,
    byProduct: pages(PRODUCT_REVIEWS, (upcs, first) => store.newestByProducts(upcs, first), 'productUpc'),
    byAuthor: pages(USER_REVIEWS, (ids, first) => store.newestByAuthors(ids, first), 'authorId'),
  };
}

/** Every cache entry a new review makes stale: its id's "absent" entry and both lists, at every page size. */
export function staleAfterReview(review: Pick<Review, 'id' | 'productUpc' | 'authorId'>): [string, string][] {
  const entries: [string, string][] = [['Review', review.id]];
  for (let first = 1; first <= MAX_PAGE; first += 1) {
    entries.push([`${PRODUCT_REVIEWS}:${first}`, review.productUpc], [`${USER_REVIEWS}:${first}`, review.authorId]);
  }
  return entries;
}
