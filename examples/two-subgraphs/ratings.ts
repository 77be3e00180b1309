// A second Yoga subgraph: it adds fields to the catalog's Book, keyed by isbn.
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

const scores: Record<string, number[]> = {
  '9780262510875': [5, 5, 4],
  '9781449373320': [5, 4, 5, 5],
};

export const ratings = createYoga({
  schema: buildSubgraphSchema({
    typeDefs: parse(readFileSync(new URL('./ratings.graphql', import.meta.url), 'utf8')),
    resolvers: {
      Book: {
        __resolveReference: ({ isbn }: { isbn: string }) => ({ isbn }),
        ratings: ({ isbn }: { isbn: string }) => scores[isbn]?.length ?? 0,
        stars: ({ isbn }: { isbn: string }) => {
          const given = scores[isbn];
          return given ? given.reduce((sum, score) => sum + score, 0) / given.length : null;
        },
      },
    },
  }),
});
