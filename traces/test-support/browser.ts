import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

/** Debian's chromium package: the tests drive the system's browser and never download one. */
export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserPage {
  page: Page;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Fails, saying what to install, when there is no browser at path. */
export function requireChromium(path = chromiumPath): void {
  if (!existsSync(path)) {
    throw new Error(`Chromium is not installed at ${path}; the browser tests need Debian's package: apt-get install chromium`);
  }
}

/** Headless Chromium on a fresh profile, with one page open. */
export async function openBrowserPage(): Promise<BrowserPage> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'tributary-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1280, height: 720 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const close = async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    };
    return { page, close, [Symbol.asyncDispose]: close };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Saves a full-page PNG of one trace's waterfall as the viewer at httpUrl shows it, e.g. for
 * `docs/trace-waterfall.png`. Fails when the viewer does not have the trace.
 */
export async function screenshotTrace(httpUrl: string, traceId: string, path: string): Promise<void> {
  await using browser = await openBrowserPage();
  const response = await browser.page.goto(`${httpUrl}/trace/${traceId}`);
  if (!response?.ok()) throw new Error(`The viewer at ${httpUrl} has no trace ${traceId} (HTTP ${response?.status()})`);
  await browser.page.locator('.waterfall').waitFor();
  mkdirSync(dirname(path), { recursive: true });
  await browser.page.screenshot({ path, fullPage: true });
}
