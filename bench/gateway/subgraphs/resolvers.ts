import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { inventory, products, reviews, users, type BenchProduct, type BenchReview } from './data.ts';

// Resolvers as the benchmark's subgraphs answer: every review's author is user 1 (with the
// username the reviews subgraph provides), and every user's reviews are the first two reviews.

const reviewsOfUser = () => reviews.slice(0, 2);

export const benchmarkResolvers: Record<'accounts' | 'inventory' | 'products' | 'reviews', GraphQLResolverMap<unknown>> = {
  accounts: {
    Query: {
      me: () => users[0],
      user: (_: unknown, { id }: { id: string }) => users.find((u) => u.id === id) ?? null,
      users: () => users,
    },
    User: { __resolveReference: ({ id }: { id: string }) => users.find((u) => u.id === id) },
  },
  inventory: {
    Product: {
      __resolveReference: (ref: { upc: string; price?: number | null; weight?: number | null }) => ({ ...ref, inStock: inventory[ref.upc] }),
      shippingEstimate: ({ price, weight }: { price?: number | null; weight?: number | null }) => {
        if (price == null) return null;
        if (price > 1000) return 0;
        return weight == null ? null : Math.trunc(weight / 2);
      },
    },
  },
  products: {
    Query: { topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first) },
    Product: { __resolveReference: ({ upc }: { upc: string }) => products.find((p) => p.upc === upc) as BenchProduct },
  },
  reviews: {
    Review: {
      __resolveReference: ({ id }: { id: string }) => reviews.find((r) => r.id === id),
      product: (review: BenchReview) => ({ upc: review.productUpc }),
      author: () => ({ id: '1', username: 'urigo' }),
    },
    User: { reviews: reviewsOfUser },
    Product: { reviews: ({ upc }: { upc: string }) => reviews.filter((r) => r.productUpc === upc) },
  },
};
