import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../examples/two-subgraphs/catalog.ts';
import { ratings } from '../../../examples/two-subgraphs/ratings.ts';
import { writeExampleSupergraph } from '../../../test-support/example-supergraph.ts';
import { startGatewayCli, type GatewayProcess } from '../../../test-support/gateway-cli.ts';
import { BROWSER_ACCEPT } from '../../../test-support/ide-page.ts';
import { serveSubgraph, type TestSubgraphServer } from '../../../test-support/subgraph-server.ts';
import { openBrowserPage, type BrowserPage } from '../../../traces/test-support/browser.ts';
import { readManifest } from './bundle.ts';

const HEADERS = '// Signed in as nobody: this gateway has no authentication.\n{ "x-ide-test": "from the headers editor" }';

let dir: string;
let subgraphs: TestSubgraphServer[];
let development: GatewayProcess;
let production: GatewayProcess;

beforeAll(async () => {
  if (!readManifest()) throw new Error('the GraphiQL bundle is not built: run `npm run build`');
  dir = await mkdtemp(join(tmpdir(), 'tributary-ide-e2e-'));
  subgraphs = await Promise.all([serveSubgraph(catalog), serveSubgraph(ratings)]);
  const supergraph = await writeExampleSupergraph(dir, { catalog: subgraphs[0]!.url, ratings: subgraphs[1]!.url });
  const args = ['--supergraph', supergraph, '--no-watch'];
  [development, production] = await Promise.all([
    startGatewayCli(args, { LOG_LEVEL: 'warn', IDE_DEFAULT_HEADERS: HEADERS }),
    startGatewayCli(args, { LOG_LEVEL: 'warn', NODE_ENV: 'production' }),
  ]);
});

afterAll(async () => {
  await development?.[Symbol.asyncDispose]();
  await production?.[Symbol.asyncDispose]();
  for (const subgraph of subgraphs ?? []) await subgraph[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface OfflineBrowser extends BrowserPage {
  /** Every request the browser made (page, its scripts and workers), in order. */
  requests: { url: string; method: string; headers: Record<string, string> }[];
  /** Requests to anywhere but 127.0.0.1, aborted. */
  blocked: string[];
  /** Console errors: CSP refusals, failed loads, exceptions. */
  errors: string[];
}

/** Chromium as on a machine with no network: whatever is not 127.0.0.1 is aborted and counted. */
async function openOffline(): Promise<OfflineBrowser> {
  const browser = await openBrowserPage();
  const requests: OfflineBrowser['requests'] = [];
  const blocked: string[] = [];
  const errors: string[] = [];
  const context = browser.page.context();
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).hostname === '127.0.0.1') return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  context.on('request', (request) => requests.push({ url: request.url(), method: request.method(), headers: request.headers() }));
  browser.page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  browser.page.on('pageerror', (error) => errors.push(error.message));
  return Object.assign(browser, { requests, blocked, errors });
}

/** What a Monaco editor shows (it renders spaces as no-break spaces). */
const shown = async (page: Page, selector: string) => (await page.locator(`${selector} .view-lines`).innerText()).replace(/\u00a0/g, ' ');

/** Replaces the operation editor's text by typing, as a person would. */
async function typeQuery(page: Page, query: string) {
  const editor = page.locator('.graphiql-query-editor .monaco-editor');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  // Monaco closes brackets as they open and steps over the closing one typed after.
  await page.keyboard.type(query);
  await expect.poll(() => shown(page, '.graphiql-query-editor')).toBe(query);
}

describe('the IDE at /graphql, in Chromium with no network', () => {
  it('loads GraphiQL from the gateway alone, runs a query typed in the editor and shows the answer', async () => {
    await using browser = await openOffline();
    const { page } = browser;
    const response = await page.goto(development.url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await typeQuery(page, '{ books { title stars } }');
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect.poll(() => shown(page, '.graphiql-response'), { timeout: 15_000 }).toContain('"title": "Designing Data-Intensive Applications"');
    expect(await shown(page, '.graphiql-response')).toContain('"stars": 4.75');

    const origin = new URL(development.url).origin;
    expect(browser.blocked, 'requests that left 127.0.0.1').toEqual([]);
    expect(browser.requests.filter(({ url }) => !url.startsWith(`${origin}/`))).toEqual([]);
    const files = browser.requests.map(({ url }) => new URL(url).pathname);
    const { workers } = readManifest()!;
    for (const worker of Object.values(workers)) expect(files, 'Monaco workers come from the gateway').toContain(`/graphql/ide/${worker}`);
    expect(browser.errors, 'console errors (CSP refusals among them)').toEqual([]);

    // The headers editor starts with the gateway's default headers, and the IDE sends them.
    await page.getByRole('button', { name: 'Headers' }).click();
    await expect.poll(() => shown(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)')).toContain('// Signed in as nobody');
    const run = browser.requests.find(({ method, headers }) => method === 'POST' && headers['x-ide-test']);
    expect(run?.headers['x-ide-test']).toBe('from the headers editor');
  });

  it('shows the schema in the docs and the explorer, from introspection', async () => {
    await using browser = await openOffline();
    const { page } = browser;
    await page.goto(development.url);
    await page.getByRole('button', { name: /Show Documentation Explorer/ }).click();
    await page.getByRole('link', { name: 'Query' }).click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText()).toContain('books');
    await page.getByRole('button', { name: /Show GraphiQL Explorer/ }).click();
    await expect.poll(() => page.locator('.graphiql-explorer-root').innerText()).toContain('books');
    expect(browser.blocked).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it('in production serves no IDE and no landing page: a browser gets a small JSON error', async () => {
    await using browser = await openOffline();
    const response = await browser.page.goto(production.url);
    expect(response?.status()).toBe(400);
    expect(response?.headers()['content-type']).toContain('application/json');
    const body = await response!.text();
    expect(body.length).toBeLessThan(1_000);
    expect(body).not.toContain('<');
    expect(await browser.page.locator('script, link[rel=stylesheet], iframe').count()).toBe(0);
    expect(browser.requests.map(({ url }) => url)).toEqual([production.url]);
    expect(browser.blocked).toEqual([]);

    const { script } = readManifest()!;
    const asset = await fetch(new URL(`/graphql/ide/${script}`, production.url), { headers: { accept: BROWSER_ACCEPT } });
    expect(asset.status).toBe(404);
  });
});
