import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../examples/two-subgraphs/catalog.ts';
import { ratings } from '../../../examples/two-subgraphs/ratings.ts';
import { writeExampleRoverConfig } from '../../../test-support/example-supergraph.ts';
import { runGatewayCli, startGatewayCli } from '../../../test-support/gateway-cli.ts';
import { post } from '../../../test-support/http.ts';
import { serveSubgraph, type TestSubgraphServer } from '../../../test-support/subgraph-server.ts';
import { composeSupergraph } from '../supergraph/composition.ts';
import type { SubgraphSource } from '../supergraph/rover-config.ts';

const example = (file: string) => new URL(`../../../examples/two-subgraphs/${file}`, import.meta.url).pathname;
const FEDERATED = '{ books { isbn title stars ratings } }';

let dir: string;
let catalogServer: TestSubgraphServer;
let ratingsServer: TestSubgraphServer;
/** The catalog's SDL as the subgraph serves it, and as it was before `Book.year` was added. */
let catalogSdl: string;
let catalogSdlWithoutYear: string;

const paths = () => ({ catalog: join(dir, 'catalog.graphql'), ratings: join(dir, 'ratings.graphql'), config: join(dir, 'supergraph.yaml'), supergraph: join(dir, 'supergraph.graphql') });

/** Composes the two subgraphs from the SDL files in `dir`, routed to the test servers. */
async function writeSupergraph(): Promise<void> {
  const sources: SubgraphSource[] = [
    { name: 'catalog', routingUrl: catalogServer.url, schema: { kind: 'file', path: paths().catalog } },
    { name: 'ratings', routingUrl: ratingsServer.url, schema: { kind: 'file', path: paths().ratings } },
  ];
  await writeFile(paths().supergraph, (await composeSupergraph(sources)).supergraphSdl);
}

function expectFederatedBooks(body: { data?: any; errors?: unknown }) {
  expect(body.errors).toBeUndefined();
  expect(body.data.books).toHaveLength(3);
  expect(body.data.books[0]).toEqual({ isbn: '9780262510875', title: 'Structure and Interpretation of Computer Programs', stars: 14 / 3, ratings: 3 });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-gateway-e2e-'));
  [catalogServer, ratingsServer] = await Promise.all([serveSubgraph(catalog), serveSubgraph(ratings)]);
  catalogSdl = await readFile(example('catalog.graphql'), 'utf8');
  catalogSdlWithoutYear = catalogSdl.replace(/\n\s*year: Int!/, '');
  expect(catalogSdlWithoutYear).not.toBe(catalogSdl);
});

afterAll(async () => {
  await catalogServer?.[Symbol.asyncDispose]();
  await ratingsServer?.[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('tributary-gateway --supergraph, on two Yoga subgraphs', () => {
  it('answers a federated query, is live and ready, and reloads on SIGHUP', async () => {
    await writeFile(paths().catalog, catalogSdlWithoutYear);
    await copyFile(example('ratings.graphql'), paths().ratings);
    await writeSupergraph();
    await using gateway = await startGatewayCli(['--supergraph', paths().supergraph, '--no-watch']);

    expectFederatedBooks((await post(gateway.url, FEDERATED)).body);
    const health = await fetch(gateway.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
    const ready = await fetch(gateway.url.replace('/graphql', '/ready'));
    expect(await ready.json()).toEqual({ ready: true, checks: { supergraph: 'ok', catalog: 'ok', ratings: 'ok' } });

    await writeFile(paths().catalog, catalogSdl);
    await writeSupergraph();
    // --no-watch: the new file is not served until SIGHUP.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await post(gateway.url, '{ books { year } }')).status).toBe(400);
    gateway.process.kill('SIGHUP');
    await expect.poll(async () => (await post(gateway.url, '{ books { year } }')).body.data?.books?.[0], { timeout: 10_000 }).toEqual({ year: 1985 });
    expect(gateway.process.exitCode).toBeNull();
  });
});

describe('tributary-gateway --config, on a rover supergraph.yaml (one SDL file, one introspected subgraph)', () => {
  let gateway: Awaited<ReturnType<typeof startGatewayCli>>;

  beforeAll(async () => {
    await writeFile(paths().catalog, catalogSdlWithoutYear);
    await writeExampleRoverConfig(paths().config, { catalog: catalogServer.url, ratings: ratingsServer.url });
    gateway = await startGatewayCli(['--config', paths().config]);
  });
  afterAll(() => gateway?.[Symbol.asyncDispose]());

  it('answers a federated query', async () => {
    expectFederatedBooks((await post(gateway.url, FEDERATED)).body);
  });

  it('serves a field added to a subgraph SDL file without a restart, and finishes the request in flight', async () => {
    expect((await post(gateway.url, '{ books { year } }')).status).toBe(400);
    const arrived = catalogServer.holdNextRequest(2_000);
    const slow = post(gateway.url, FEDERATED).then((response) => ({ response, at: Date.now() }));
    await arrived;

    await writeFile(paths().catalog, catalogSdl);
    await expect.poll(async () => (await post(gateway.url, '{ books { title year } }')).body.data?.books?.[2], { timeout: 10_000, interval: 100 })
      .toEqual({ title: 'Designing Data-Intensive Applications', year: 2017 });
    const reloadedAt = Date.now();

    const { response, at } = await slow;
    expect(at, 'the slow request was still in flight when the new schema was served').toBeGreaterThan(reloadedAt);
    expect(response.status).toBe(200);
    expectFederatedBooks(response.body);
    expect(gateway.process.exitCode).toBeNull();
    expect(gateway.output()).toContain('reloaded the supergraph config');
  });

  it('keeps serving the last good schema when a reloaded SDL is broken, and says why', async () => {
    await writeFile(paths().catalog, catalogSdl.replace('year: Int!', 'year: Int! published:'));
    await expect.poll(() => gateway.output(), { timeout: 10_000 }).toMatch(/reload failed, still serving the last good supergraph/);
    expect(gateway.output()).toMatch(/catalog\.graphql:\d+:\d+ \(subgraph catalog\)/);

    const { status, body } = await post(gateway.url, '{ books { title year stars } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.books[0]).toEqual({ title: 'Structure and Interpretation of Computer Programs', year: 1985, stars: 14 / 3 });
    expect((await fetch(gateway.url.replace('/graphql', '/ready'))).status).toBe(200);
  });
});

describe('tributary-gateway start failures', () => {
  it('prints composition errors with subgraph, location and message, and exits 1', async () => {
    const broken = join(dir, 'broken');
    await mkdir(broken);
    await writeFile(join(broken, 'catalog.graphql'), catalogSdl);
    // The same field with another type in a second subgraph: composition must refuse it.
    await writeFile(join(broken, 'ratings.graphql'), (await readFile(example('ratings.graphql'), 'utf8')).replace('ratings: Int!', 'ratings: Int!\n  title: Int'));
    await writeFile(
      join(broken, 'supergraph.yaml'),
      'subgraphs:\n  catalog:\n    routing_url: http://127.0.0.1:1/graphql\n    schema: { file: ./catalog.graphql }\n' +
        '  ratings:\n    routing_url: http://127.0.0.1:2/graphql\n    schema: { file: ./ratings.graphql }\n',
    );
    const { code, output } = await runGatewayCli(['--config', join(broken, 'supergraph.yaml')]);
    expect(code).toBe(1);
    expect(output).toContain('Composition failed with');
    expect(output).toMatch(/FIELD_TYPE_MISMATCH: Type of field "Book.title" is incompatible across subgraphs/);
    expect(output).toMatch(/at .*catalog\.graphql:\d+:\d+ \(subgraph catalog\)/);
    expect(output).toMatch(/at .*ratings\.graphql:\d+:\d+ \(subgraph ratings\)/);
    expect(output).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  });

  it('rejects an unknown flag with exit code 2, and a missing supergraph file with 1', async () => {
    expect(await runGatewayCli(['--supergrah', 'x'])).toMatchObject({ code: 2, output: expect.stringContaining("Unknown option '--supergrah'") });
    const missing = await runGatewayCli(['--supergraph', join(dir, 'nope.graphql')]);
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/Cannot read the supergraph file .*nope\.graphql\n.*ENOENT/);
  });
});
