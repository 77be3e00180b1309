import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../test-support/logger.ts';
import { MANIFEST, type BundleManifest } from './bundle.ts';
import { createIde, type Ide, type IdeOptions } from './ide.ts';
import { CONTENT_SECURITY_POLICY } from './ide-page.ts';
import { BROWSER_ACCEPT, idePageConfig as pageConfig } from '../../../test-support/ide-page.ts';
const SCRIPT = 'console.log("the IDE");\n'.repeat(50);
const manifest: BundleManifest = {
  script: 'ide-AAAA1111.js',
  styles: ['ide-BBBB2222.css'],
  workers: { editor: 'editor.worker-C1.js', json: 'json.worker-C2.js', graphql: 'graphql.worker-C3.js' },
  files: ['ide-AAAA1111.js', 'ide-BBBB2222.css', 'editor.worker-C1.js', 'json.worker-C2.js', 'graphql.worker-C3.js', 'codicon-D4.ttf'],
};

let bundle: URL;
let server: Server | undefined;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-ide-bundle-'));
  bundle = pathToFileURL(`${dir}/`);
  await writeFile(join(dir, MANIFEST), JSON.stringify(manifest));
  for (const file of manifest.files) {
    const content = file === manifest.script ? SCRIPT : `/* ${file} */`;
    await writeFile(join(dir, file), content);
    await writeFile(join(dir, `${file}.gz`), gzipSync(content));
  }
});
afterAll(() => rm(new URL(bundle), { recursive: true, force: true }));
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves `ide`'s routes as the HTTP front does; what they leave is answered `graphql`. */
async function serve(ide: Ide): Promise<string> {
  server = createServer(async (req, res) => {
    const route = ide.routes[new URL(req.url!, 'http://x').pathname];
    if (route && req.method === 'GET' && (await route(req, res)) !== false) return;
    res.writeHead(418).end('graphql');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const graphiql = (options: IdeOptions = {}) => createIde(options, true, silentLogger, bundle);

/** What Apollo Server itself answers a browser with `plugin` installed. */
async function apolloAnswer(ide: Ide) {
  const apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', plugins: [ide.plugin], stopOnTerminationSignals: false, logger: silentLogger });
  await apollo.start();
  try {
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'GET', headers: new HeaderMap([['accept', BROWSER_ACCEPT]]), search: '', body: undefined },
      context: async () => ({}),
    });
    return { type: response.headers.get('content-type'), body: response.body.kind === 'complete' ? response.body.string : '' };
  } finally {
    await apollo.stop();
  }
}

describe('the GraphiQL page at /graphql', () => {
  it('answers a browser with the page, its CSP, and no-cache', async () => {
    const base = await serve(graphiql({ defaultHeaders: '// a comment\n{ "authorization": "Bearer abc" }' }));
    const response = await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="graphql/ide/ide-AAAA1111.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="graphql/ide/ide-BBBB2222.css">');
    expect(pageConfig(html)).toEqual({
      headers: '// a comment\n{ "authorization": "Bearer abc" }',
      workers: { editor: 'graphql/ide/editor.worker-C1.js', json: 'graphql/ide/json.worker-C2.js', graphql: 'graphql/ide/graphql.worker-C3.js' },
    });
  });

  it('runs no inline script: the settings are a JSON data block no value can close', async () => {
    const base = await serve(graphiql({ defaultHeaders: '// </script><script>alert(1)</script>\n{}' }));
    const html = await (await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).text();
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert');
    expect(pageConfig(html).headers).toBe('// </script><script>alert(1)</script>\n{}');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('leaves every request that is not a browser asking for a page to GraphQL', async () => {
    const base = await serve(graphiql());
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json, application/json;q=0.9', '']) {
      const response = await fetch(`${base}/graphql`, { headers: accept ? { accept } : {} });
      expect([accept, await response.text()]).toEqual([accept, 'graphql']);
    }
    expect(await (await fetch(`${base}/graphql`, { method: 'POST', headers: { accept: BROWSER_ACCEPT } })).text()).toBe('graphql');
  });

  it('serves each file of the bundle under a hashed name for a year, gzipped when accepted', async () => {
    const base = await serve(graphiql());
    const plain = await fetch(`${base}/graphql/ide/ide-AAAA1111.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('content-security-policy'), 'a worker takes its policy from its own script').toBe(CONTENT_SECURITY_POLICY);
    expect(await plain.text()).toBe(SCRIPT);
    const font = await fetch(`${base}/graphql/ide/codicon-D4.ttf`);
    expect(font.headers.get('content-type')).toBe('font/ttf');
    // fetch would decompress on its own: read the bytes as sent.
    const { headers, body } = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      get(`${base}/graphql/ide/ide-AAAA1111.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers.vary).toBe('accept-encoding');
    expect(body.length).toBeLessThan(SCRIPT.length);
    expect(gunzipSync(body).toString()).toBe(SCRIPT);
  });

  it('serves only the files the manifest names', async () => {
    const base = await serve(graphiql());
    for (const path of ['/graphql/ide/manifest.json', '/graphql/ide/ide-AAAA1111.js.gz', '/graphql/ide/other.js', '/graphql/ide/']) {
      expect(await (await fetch(`${base}${path}`)).text()).toBe('graphql');
    }
  });

  it('says how to build the bundle when it is missing', async () => {
    const missing = new URL('./no-such-bundle/', bundle);
    const base = await serve(createIde({}, true, silentLogger, missing));
    const response = await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });
});

describe('which IDE, and Apollo landing pages', () => {
  it('GraphiQL or none: Apollo Server serves no page of its own (its default loads from its CDN)', async () => {
    const stock = await apolloAnswer({ plugin: {}, routes: {} });
    expect(stock.type, 'the control: Apollo would serve its landing page').toBe('text/html');
    for (const ide of [graphiql(), createIde({ kind: 'none' }, true, silentLogger, bundle), createIde({}, false, silentLogger, bundle)]) {
      const answer = await apolloAnswer(ide);
      expect(answer.type).toContain('application/json');
      expect(answer.body).not.toContain('<');
    }
  });

  it('none: no routes at all; it is the default with introspection off', () => {
    expect(createIde({ kind: 'none' }, true, silentLogger, bundle).routes).toEqual({});
    expect(createIde({}, false, silentLogger, bundle).routes).toEqual({});
  });

  it('sandbox: Apollo Sandbox, opted into, with the default headers', async () => {
    const answer = await apolloAnswer(createIde({ kind: 'sandbox', defaultHeaders: '{ "x-who": "dev" }' }, true, silentLogger, bundle));
    expect(answer.type).toBe('text/html');
    expect(answer.body).toContain('EmbeddedSandbox');
    expect(answer.body).toContain('"x-who":"dev"');
    expect(answer.body).toContain('"runTelemetry":false');
  });

  it('refuses an IDE, or a token for one, without introspection', () => {
    expect(() => createIde({ kind: 'graphiql' }, false, silentLogger, bundle)).toThrow(/needs introspection/);
    expect(() => createIde({ kind: 'sandbox' }, false, silentLogger, bundle)).toThrow(/needs introspection/);
    expect(() => createIde({ defaultHeaders: '{"authorization":"Bearer x"}' }, false, silentLogger, bundle)).toThrow(/leave them out/);
    expect(() => createIde({ defaultHeaders: '[1]' }, true, silentLogger, bundle)).toThrow(/ide.defaultHeaders is not a JSON object/);
  });
});
