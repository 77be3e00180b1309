import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { childEnv, sourceExecArgv } from '../../test-support/config.ts';
import { openBrowserPage, screenshotTrace } from '../test-support/browser.ts';
import { datagram, sampleTrace, sendDatagrams } from '../test-support/sample-trace.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// This project compiles without DOM types; in the page, getComputedStyle is there.
type PageGlobals = { getComputedStyle(element: unknown): Record<string, string> };
const computedStyle = (locator: Locator, property: string) =>
  locator.evaluate((element, name) => (globalThis as unknown as PageGlobals).getComputedStyle(element)[name] ?? '', property);

/** The README shows this file; a fixed trace ID and start keep it the same from run to run. */
// The README's screenshot comes from a real trace (gateway/src/tracing.e2e.test.ts); this one is a check only.
const readmeScreenshot = join(tmpdir(), `tributary-viewer-${process.pid}.png`);

let viewer: ChildProcess;
let output = '';
let httpUrl: string;
let udpAddress: string;

// `npm run traces` as a user starts it, on free ports.
beforeAll(async () => {
  viewer = spawn(process.execPath, [...sourceExecArgv, main], {
    cwd: repoRoot,
    env: { ...childEnv(), TRACES_UDP_ADDRESS: '127.0.0.1:0', TRACES_PORT: '0', TRACES_OTLP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  viewer.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await vi.waitFor(
    () => {
      httpUrl = /Trace viewer: (http:\/\/\S+)/.exec(output)![1]!;
      udpAddress = /on UDP (\S+)/.exec(output)![1]!;
    },
    { timeout: 60_000, interval: 100 },
  );
});

afterAll(async () => {
  if (viewer.exitCode !== null) return;
  const exited = new Promise((resolve) => viewer.once('exit', resolve));
  viewer.kill('SIGTERM');
  await exited;
});

describe('npm run traces in a browser', () => {
  const storefront = sampleTrace({ traceId: '1-6553f100-5e1ec7ab1e0ddba11c0ffee0', startSeconds: 1_700_000_000 });
  const failing = sampleTrace({ fault: true });

  beforeAll(async () => {
    await sendDatagrams(udpAddress, [...storefront.documents, ...failing.documents].map(datagram));
    // Printed in the terminal once no segment has come for a second.
    await vi.waitFor(() => expect(output).toContain(`${failing.traceId} · gateway · TopProducts`), { timeout: 10_000 });
    expect(output).toMatch(/^ {6}dynamodb .*BatchGetItem products$/m);
  });

  it('lists the latest traces with their root, operation, span count and status', async () => {
    await using browser = await openBrowserPage();
    const { page } = browser;
    await page.goto(httpUrl);
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const failingRow = rows.filter({ hasText: failing.traceId });
    expect(await failingRow.locator('td').allInnerTexts()).toEqual([expect.any(String), failing.traceId, 'gateway', 'TopProducts', '42.0 ms', '18', 'fault']);
    expect(await rows.filter({ hasText: storefront.traceId }).locator('td').last().innerText()).toBe('ok');

    await page.getByRole('link', { name: storefront.traceId }).click();
    await page.waitForURL(`${httpUrl}/trace/${storefront.traceId}`);
    expect(await page.locator('h1').innerText()).toBe('gateway · TopProducts');
  });

  it('shows the gateway, subgraph and store spans as a nested waterfall, failures in red', async () => {
    await using browser = await openBrowserPage();
    const { page } = browser;
    await page.goto(`${httpUrl}/trace/${failing.traceId}`);
    const names = await page.locator('.waterfall .name').allInnerTexts();
    expect(names).toEqual([
      'gateway', 'plan',
      'products', 'products', 'redis', 'dynamodb',
      'inventory', 'inventory', 'redis', 'dynamodb',
      'reviews', 'reviews', 'redis', 'postgres',
      'accounts', 'accounts', 'redis', 'postgres',
    ]);
    const row = (id: string) => page.locator(`[data-span-id="${id}"]`);
    const indent = async (id: string) => Number.parseFloat(await computedStyle(row(id), 'paddingLeft'));
    expect(await indent(failing.ids.gateway)).toBe(0);
    expect(await indent(failing.ids.subgraph.reviews)).toBeGreaterThan(await indent(failing.ids.fetch.reviews));
    expect(await row(failing.ids.subgraph.products).locator('+ .track .bar').boundingBox()).toMatchObject({ width: expect.any(Number) });

    const store = (name: string) => page.locator('.row').filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
    expect(await store('dynamodb').first().innerText()).toContain('BatchGetItem products');
    expect(await store('postgres').first().innerText()).toContain('SELECT id, body, rating FROM reviews.reviews');
    expect(await store('redis').first().innerText()).toContain('cache=miss');

    const red = 'rgb(180, 35, 24)';
    const failedQuery = store('postgres').last();
    expect(await computedStyle(failedQuery.locator('.name'), 'color')).toBe(red);
    expect(await failedQuery.innerText()).toContain('fault: connection terminated');
    expect(await row(failing.ids.fetch.accounts).locator('+ .track .bar').getAttribute('class')).toContain('error');
  });

  it('takes the README screenshot of a waterfall', async () => {
    await screenshotTrace(httpUrl, storefront.traceId, readmeScreenshot);
    await expect(screenshotTrace(httpUrl, '1-00000000-000000000000000000000000', readmeScreenshot)).rejects.toThrow('has no trace');
  });
});
