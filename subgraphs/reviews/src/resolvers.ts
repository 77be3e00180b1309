import { badUserInput, checkPageSize, forbidden } from '@tributary/service-kit';
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
    // @authenticated: only reached with a viewer, who is the author.
    addReview: async (_: unknown, { input }: { input: AddReviewInput }, { store, subgraphs, cache, viewer }: ReviewsContext) => {
      const review = validateNewReview(input, viewer!.userId);
      const [authors, products] = await Promise.all([
        subgraphs.accounts.existing('User', 'id', [review.authorId]),
        subgraphs.products.existing('Product', 'upc', [review.productUpc]),
      ]);
      // A valid token for someone with no account (yet): nothing to attach the review to.
      if (!authors.has(review.authorId)) throw forbidden('Reviews need an account: create your user first');
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
