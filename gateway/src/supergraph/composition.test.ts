import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from './composition.ts';
import type { SubgraphSource } from './rover-config.ts';
import { SupergraphError } from './errors.ts';
import { extractSubgraphsFromSupergraphSdl } from './supergraph.ts';

/** A port nothing listens on: one that was free a moment ago. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const inline = (name: string, sdl: string): SubgraphSource => ({ name, routingUrl: `http://${name}/graphql`, schema: { kind: 'inline', sdl: `${LINK}\n${sdl}` } });
const problemsOf = async (sources: SubgraphSource[]) => {
  const error = await composeSupergraph(sources).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SupergraphError);
  return (error as SupergraphError).problems;
};

describe('composeSupergraph', () => {
  it('composes subgraphs into a supergraph that routes to each', async () => {
    const { supergraphSdl, files } = await composeSupergraph([
      inline('books', 'type Query { books: [Book!]! }\ntype Book @key(fields: "isbn") { isbn: ID! title: String! }'),
      inline('ratings', 'type Book @key(fields: "isbn") { isbn: ID! stars: Float }'),
    ]);
    expect(extractSubgraphsFromSupergraphSdl(supergraphSdl)).toEqual([
      { name: 'books', url: 'http://books/graphql' },
      { name: 'ratings', url: 'http://ratings/graphql' },
    ]);
    expect(files).toEqual([]);
  });

  it('locates a composition error in every subgraph involved', async () => {
    const problems = await problemsOf([
      inline('books', 'type Query { books: [Book!]! }\ntype Book @key(fields: "isbn") { isbn: ID! title: String! }'),
      inline('ratings', 'type Book @key(fields: "isbn") { isbn: ID! title: Int }'),
    ]);
    const mismatch = problems.find((p) => p.code === 'FIELD_TYPE_MISMATCH');
    expect(mismatch?.message).toMatch(/Book.title/);
    expect(mismatch?.locations).toEqual([
      { source: 'books (inline sdl)', subgraph: 'books', line: 3, column: 44 },
      { source: 'ratings (inline sdl)', subgraph: 'ratings', line: 2, column: 44 },
    ]);
  });

  it('reports syntax errors and unreadable files with their subgraph, all at once', async () => {
    const problems = await problemsOf([
      inline('books', 'type Query { books: [Book!]! '),
      { name: 'ratings', routingUrl: 'http://r/graphql', schema: { kind: 'file', path: '/nowhere/ratings.graphql' } },
    ]);
    expect(problems).toContainEqual({
      message: 'Syntax Error: Expected Name, found <EOF>.',
      locations: [{ source: 'books (inline sdl)', subgraph: 'books', line: 2, column: 30 }],
    });
    expect(problems).toContainEqual({
      message: 'cannot read /nowhere/ratings.graphql: ENOENT',
      locations: [{ source: '/nowhere/ratings.graphql', subgraph: 'ratings' }],
    });
  });

  it('says when an introspected subgraph cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const problems = await problemsOf([{ name: 'gone', routingUrl: url, schema: { kind: 'introspection', url, headers: {} } }]);
    expect(problems[0]?.message).toBe(`cannot reach ${url}: connect ECONNREFUSED ${new URL(url).host}`);
    expect(problems[0]?.locations).toEqual([{ source: url, subgraph: 'gone' }]);
  });
});
