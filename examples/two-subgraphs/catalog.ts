// A subgraph served by GraphQL Yoga, not Apollo Server: the gateway only needs the federation spec.
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

interface Book {
  isbn: string;
  title: string;
  year: number;
}

const books: Book[] = [
  { isbn: '9780262510875', title: 'Structure and Interpretation of Computer Programs', year: 1985 },
  { isbn: '9780201633610', title: 'Design Patterns', year: 1994 },
  { isbn: '9781449373320', title: 'Designing Data-Intensive Applications', year: 2017 },
];
const byIsbn = (isbn: string) => books.find((book) => book.isbn === isbn) ?? null;

export const catalog = createYoga({
  schema: buildSubgraphSchema({
    typeDefs: parse(readFileSync(new URL('./catalog.graphql', import.meta.url), 'utf8')),
    resolvers: {
      Query: { books: () => books, book: (_: unknown, { isbn }: { isbn: string }) => byIsbn(isbn) },
      Book: { __resolveReference: ({ isbn }: { isbn: string }) => byIsbn(isbn) },
    },
  }),
});
