import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../examples/two-subgraphs/catalog.ts';
import { ratings } from '../../../examples/two-subgraphs/ratings.ts';
import { childEnv } from '../../../test-support/config.ts';
import { writeExampleRoverConfig } from '../../../test-support/example-supergraph.ts';
import { startGatewayCli } from '../../../test-support/gateway-cli.ts';
import { post } from '../../../test-support/http.ts';
import { serveSubgraph, type TestSubgraphServer } from '../../../test-support/subgraph-server.ts';

// The gateway as someone outside this repository gets it: the packed tarballs of the gateway and
// the kit it depends on, installed into an empty folder, the CLI run by plain node from there
// (no tsx, no TypeScript sources, no workspace links).

const run = promisify(execFile);
const repoRoot = new URL('../../../', import.meta.url).pathname;
const example = (file: string) => new URL(`../../../examples/two-subgraphs/${file}`, import.meta.url).pathname;

let dir: string;
let catalogServer: TestSubgraphServer;
let ratingsServer: TestSubgraphServer;

/** npm as a user would run it, with the npm cache `npm ci` filled serving the dependencies. */
const npm = (args: string[], cwd: string) =>
  run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund'], { cwd, env: { ...childEnv(), npm_config_update_notifier: 'false' }, maxBuffer: 16 * 1024 * 1024 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-installed-'));
  [catalogServer, ratingsServer] = await Promise.all([serveSubgraph(catalog), serveSubgraph(ratings)]);
  // `prepack` builds each package first, so the tarballs hold the current sources' build.
  await npm(['pack', '--pack-destination', dir, '--workspace', '@tributary/service-kit', '--workspace', '@tributary/gateway'], repoRoot);
  const tarballs = (await readdir(dir)).filter((name) => name.endsWith('.tgz')).map((name) => join(dir, name));
  expect(tarballs).toHaveLength(2);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'embedding-app', private: true, type: 'module' }));
  await npm(['install', ...tarballs], dir);
  await copyFile(example('catalog.graphql'), join(dir, 'catalog.graphql'));
  await writeExampleRoverConfig(join(dir, 'supergraph.yaml'), { catalog: catalogServer.url, ratings: ratingsServer.url });
}, 240_000);

afterAll(async () => {
  await catalogServer?.[Symbol.asyncDispose]();
  await ratingsServer?.[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed gateway, installed with npm into an empty folder', () => {
  it('holds built JavaScript only, and its tributary-gateway serves the two-subgraph example', async () => {
    const installed = join(dir, 'node_modules', '@tributary');
    expect((await readdir(join(installed, 'gateway'))).sort()).toEqual(['bin', 'dist', 'package.json']);
    expect(await readdir(join(installed, 'service-kit'))).not.toContain('src');
    // The kit's subgraph-only drivers are optional peers: the gateway's install holds none of them.
    for (const driver of ['pg', '@aws-sdk/client-dynamodb', 'dataloader']) expect(existsSync(join(dir, 'node_modules', driver)), driver).toBe(false);

    await using gateway = await startGatewayCli(['--config', 'supergraph.yaml', '--no-watch'], {}, 30_000, { bin: join(dir, 'node_modules', '.bin', 'tributary-gateway'), cwd: dir });
    const { status, body } = await post(gateway.url, '{ books { title year stars ratings } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.books[0]).toEqual({ title: 'Structure and Interpretation of Computer Programs', year: 1985, stars: 14 / 3, ratings: 3 });
  });
});
