import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSupergraphConfig, readSupergraphConfig } from './rover-config.ts';
import { SupergraphError } from './errors.ts';

describe('parseSupergraphConfig (rover format)', () => {
  it('reads file, subgraph_url and sdl sources; routing_url defaults to subgraph_url', () => {
    const raw = {
      federation_version: '=2.7.0',
      subgraphs: {
        books: { routing_url: 'http://books:4001/graphql', schema: { file: './books.graphql' } },
        ratings: { schema: { subgraph_url: 'http://ratings:4002/graphql', introspection_headers: { authorization: 'Bearer t' } } },
        inline: { routing_url: 'https://inline/graphql', schema: { sdl: 'type Query { a: Int }' } },
      },
    };
    expect(parseSupergraphConfig(raw, '/graphs')).toEqual({
      problems: [],
      sources: [
        { name: 'books', routingUrl: 'http://books:4001/graphql', schema: { kind: 'file', path: '/graphs/books.graphql' } },
        { name: 'ratings', routingUrl: 'http://ratings:4002/graphql', schema: { kind: 'introspection', url: 'http://ratings:4002/graphql', headers: { authorization: 'Bearer t' } } },
        { name: 'inline', routingUrl: 'https://inline/graphql', schema: { kind: 'inline', sdl: 'type Query { a: Int }' } },
      ],
    });
  });

  it('reports every problem, each with its path in the config', () => {
    const raw = {
      federation_version: 1,
      subgraphs: {
        a: { schema: { file: './a.graphql' } },
        b: { routing_url: 'ftp://b', schema: { file: './b.graphql' } },
        c: { routing_url: 'http://c', schema: { file: './c.graphql', subgraph_url: 'http://c' } },
        d: { routing_url: 'http://d', schema: { graphref: 'mygraph@prod', subgraph: 'd' } },
        e: { routing_url: 'http://e' },
      },
    };
    expect(parseSupergraphConfig(raw, '/').problems).toEqual([
      'federation_version: 1 is not supported, only Federation 2 (e.g. =2.7.0)',
      'subgraphs.a.routing_url: missing',
      'subgraphs.b.routing_url: ftp://b is not an http(s) URL',
      'subgraphs.c.schema: give exactly one of file, subgraph_url or sdl (found file, subgraph_url)',
      'subgraphs.d.schema.graphref: GraphOS sources are not supported; use file, subgraph_url or sdl',
      'subgraphs.e.schema: missing (give file, subgraph_url or sdl)',
    ]);
    expect(parseSupergraphConfig({ subgraphs: {} }, '/').problems).toEqual(['subgraphs: list at least one subgraph']);
    expect(parseSupergraphConfig('just text', '/').problems).toEqual(['the config must be a YAML mapping with a `subgraphs` key']);
  });
});

describe('readSupergraphConfig', () => {
  it('resolves schema files against the config file and fails clearly on bad YAML or a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'supergraph-config-'));
    try {
      const config = join(dir, 'supergraph.yaml');
      await writeFile(config, 'subgraphs:\n  books:\n    routing_url: http://b/graphql\n    schema:\n      file: sdl/books.graphql\n');
      expect((await readSupergraphConfig(config))[0]?.schema).toEqual({ kind: 'file', path: join(dir, 'sdl/books.graphql') });
      await writeFile(config, 'subgraphs: [unclosed');
      await expect(readSupergraphConfig(config)).rejects.toThrow(SupergraphError);
      await expect(readSupergraphConfig(join(dir, 'missing.yaml'))).rejects.toThrow(/Cannot read the supergraph config .*missing\.yaml\n.*ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
