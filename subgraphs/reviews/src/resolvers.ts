import { badUserInput, checkPageSize, forbidden } from '@tributary/service-kit';
import type { Resolvers } from './generated/resolver-types.ts';
import { MAX_PAGE, isReviewId, staleAfterReview } from './loaders.ts';
import { validateNewReview } from './validation.ts';

export const resolvers: Resolvers = {
  Query: {
    review: (_, { id }, { loaders }) => {
      if (!isReviewId(id)) throw badUserInput('id must be a positive integer', 'id');
      return loaders.review.load(id);
    },
  },
  Mutation: {
    // @authenticated: only reached with a viewer, who is the author.
    addReview: async (_, { input }, { store, subgraphs, cache, viewer }) => {
      const review = validateNewReview(input, viewer!.userId);
      const [authors, products] = await Promise.all([
        subgraphs.accounts.existing('User', 'id', [review.authorId]),
        subgraphs.products.existing('Product', 'upc', [review.productUpc]),
      ]);
      // A valid token for someone with no account (yet): nothing to attach the review to.
      if (!authors.has(review.authorId)) throw forbidden('Reviews need an account: create your user first');
      if (!products.has(review.productUpc)) throw badUserInput(`no product with upc ${review.productUpc}`, 'productUpc');
      const created = await store.create(review, viewer);
      await cache.invalidateMany(staleAfterReview(created));
      return created;
    },
  },
  Review: {
    __resolveReference: (ref, { loaders }) => loaders.review.load(ref.id),
    author: (review) => ({ __typename: 'User', id: review.authorId }),
    product: (review) => ({ __typename: 'Product', upc: review.productUpc }),
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    reviews: (user, { first }, { loaders }) =>
      loaders.byAuthor.load({ key: user.id, first: checkPageSize(first, MAX_PAGE) }),
  },
  Product: {
    __resolveReference: (ref) => ({ upc: ref.upc }),
    reviews: (product, { first }, { loaders }) =>
      loaders.byProduct.load({ key: product.upc, first: checkPageSize(first, MAX_PAGE) }),
  },
};
