import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeSupergraph } from '../gateway/src/supergraph/composition.ts';

const example = (file: string) => new URL(`../examples/two-subgraphs/${file}`, import.meta.url).pathname;

/**
 * Composes the two-subgraph example (catalog, ratings) routed to the given URLs and writes it to
 * `dir`/supergraph.graphql, for gateways under test. Returns that path.
 */
export async function writeExampleSupergraph(dir: string, urls: { catalog: string; ratings: string }): Promise<string> {
  const { supergraphSdl } = await composeSupergraph([
    { name: 'catalog', routingUrl: urls.catalog, schema: { kind: 'file', path: example('catalog.graphql') } },
    { name: 'ratings', routingUrl: urls.ratings, schema: { kind: 'file', path: example('ratings.graphql') } },
  ]);
  const path = join(dir, 'supergraph.graphql');
  await writeFile(path, supergraphSdl);
  return path;
}

/**
 * Writes a rover `supergraph.yaml` for the two-subgraph example to `path`: the catalog's SDL from
 * `./catalog.graphql` beside it, the ratings subgraph introspected; both routed to the given URLs.
 */
export async function writeExampleRoverConfig(path: string, urls: { catalog: string; ratings: string }): Promise<void> {
  await writeFile(
    path,
    [
      'federation_version: =2.7.0',
      'subgraphs:',
      '  catalog:',
      `    routing_url: ${urls.catalog}`,
      '    schema:',
      '      file: ./catalog.graphql',
      '  ratings:',
      `    routing_url: ${urls.ratings}`,
      '    schema:',
      `      subgraph_url: ${urls.ratings}`,
      '',
    ].join('\n'),
  );
}
