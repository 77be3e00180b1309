import { badUserInput, checkPageSize } from '@tributary/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { ReviewsContext } from './context.ts';
import { MAX_PAGE, isReviewId, staleAfterReview } from './loaders.ts';
import type { Review } from './review-store.ts';
import { validateNewReview, type AddReviewInput } from './validation.ts';

export const resolvers: GraphQLResolverMap<ReviewsContext> = {
  Query: {
    review: (_: unknown, { id }: { id: string }, { loaders }: ReviewsContext) => {
      if (!isReviewId(id)) throw badUserInput('id must be a positive integer', 'id');
      return loaders.review.load(id);
    },
  },
  Mutation: {
    addReview: async (_: unknown, { input }: { input: AddReviewInput }, { store, owners, cache }: ReviewsContext) => {
      const review = validateNewReview(input);
      const [authors, products] = await Promise.all([
        owners.accounts.existing('User', 'id', [review.authorId]),
        owners.products.existing('Product', 'upc', [review.productUpc]),
      ]);
      if (!authors.has(review.authorId)) throw badUserInput(`no user with id ${review.authorId}`, 'authorId');
      if (!products.has(review.productUpc)) throw badUserInput(`no product with upc ${review.productUpc}`, 'productUpc');
      const created = await store.create(review);
      await cache.invalidateMany(staleAfterReview(created));
      return created;
    },
  },
  Review: {
    __resolveReference: (ref: { id: string }, { loaders }: ReviewsContext) => loaders.review.load(ref.id),
    author: (review: Review) => ({ __typename: 'User', id: review.authorId }),
    product: (review: Review) => ({ __typename: 'Product', upc: review.productUpc }),
  },
  User: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    reviews: (user: { id: string }, { first }: { first: number }, { loaders }: ReviewsContext) =>
      loaders.byAuthor.load({ key: user.id, first: checkPageSize(first, MAX_PAGE) }),
  },
  Product: {
    __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
    reviews: (product: { upc: string }, { first }: { first: number }, { loaders }: ReviewsContext) =>
      loaders.byProduct.load({ key: product.upc, first: checkPageSize(first, MAX_PAGE) }),
  },
};
