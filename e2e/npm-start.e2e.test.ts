import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { roster } from '@tributary/schema';
import { describe, expect, it } from 'vitest';
import { benchmarkQueryPath, childEnv, sourceExecArgv } from '../test-support/config.ts';
import { parseDefaultHeaders } from '../gateway/src/ide/default-headers.ts';
import { BROWSER_ACCEPT, idePageConfig } from '../test-support/ide-page.ts';
import { bearer, post } from '../test-support/http.ts';

const main = new URL('../stack/src/main.ts', import.meta.url).pathname;
const tokenCli = new URL('../stack/src/token.ts', import.meta.url).pathname;

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('npm start on embedded defaults (PGlite, dynalite)', () => {
  it('serves the benchmark query and signed-in users with npm run token, then stops every service on SIGINT', async () => {
    // The development key goes to a directory of the test's own, not the repository's .tributary/.
    const keys = await mkdtemp(join(tmpdir(), 'tributary-dev-issuer-'));
    const env = { ...childEnv(), DEV_ISSUER_FILE: join(keys, 'dev-issuer.json') };
    // No DATABASE_URL, DYNAMODB_ENDPOINT or REDIS_URL: what a newcomer has.
    const launcher = spawn(process.execPath, [...sourceExecArgv, main], {
      env: { ...env, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    launcher.stdout.on('data', (chunk) => (output += chunk));
    launcher.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => output, { timeout: 90_000, interval: 200 }).toMatch(/Press Ctrl\+C to stop/);
      const gatewayUrl = /Gateway:\s+(\S+)/.exec(output)![1]!;
      expect(output).toContain('embedded PGlite');
      expect(output).toContain('embedded dynalite');
      const { body } = await post(gatewayUrl, await readFile(benchmarkQueryPath, 'utf8'));
      expect(body.errors).toBeUndefined();
      expect(body.data.users.length).toBeGreaterThan(0);
      expect(body.data.topProducts[0].reviews[0].author.reviews[0].product.name).toBeTruthy();

      expect(output).toContain('npm run -s token -- --user 1');
      expect((await stat(env.DEV_ISSUER_FILE)).mode & 0o077, 'the private key is readable by its owner only').toBe(0);
      const { stdout } = await promisify(execFile)(process.execPath, [...sourceExecArgv, tokenCli, '--user', '1'], { env });
      const me = await post(gatewayUrl, '{ me { id email } }', undefined, bearer(stdout.trim()));
      expect(me.body.errors).toBeUndefined();
      expect(me.body.data.me).toMatchObject({ id: '1', email: expect.stringContaining('@') });
      // The order saga on the embedded stores: user 1 buys a unit of a product in stock.
      const listed = (await post(gatewayUrl, '{ topProducts(first: 10) { upc inStock } }')).body.data.topProducts as { upc: string; inStock: boolean }[];
      const lines = [{ productUpc: listed.find((p) => p.inStock)!.upc, quantity: 1 }];
      const order = await post(gatewayUrl, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { status } }', { i: { lines, idempotencyKey: 'npm-start' } }, bearer(stdout.trim()));
      expect([order.body.errors, order.body.data]).toEqual([undefined, { placeOrder: { status: 'CONFIRMED' } }]);
      // A browser at the same URL gets the IDE, its headers editor signed in as user 1.
      const ide = idePageConfig(await (await fetch(gatewayUrl, { headers: { accept: BROWSER_ACCEPT } })).text());
      const inIde = await post(gatewayUrl, '{ me { id } }', undefined, parseDefaultHeaders(ide.headers));
      expect(inIde.body.data?.me).toEqual({ id: '1' });
      expect(ide.headers).toContain('npm run -s token -- --user 2 --scope admin');

      const siteUrl = /Storefront:\s+(\S+)/.exec(output)![1]!;
      const site = await fetch(`${siteUrl}/products/1`);
      expect(site.status, 'the built SPA, for any of its routes').toBe(200);
      expect(await site.text()).toContain('<div id="root">');

      const ports = [...output.matchAll(/http:\/\/localhost:(\d+)\/graphql/g)].map((m) => Number(m[1]));
      // The gateway and every subgraph of the roster.
      expect(new Set(ports).size).toBe(1 + roster.length);
      ports.push(Number(new URL(siteUrl).port));
      launcher.kill('SIGINT');
      expect(await exited).toBe(0);
      for (const port of ports) expect(await portOpen(port), `port ${port} still open`).toBe(false);
    } finally {
      launcher.kill('SIGKILL');
      await rm(keys, { recursive: true, force: true });
    }
  });
});
