// `npm run screenshots`: the storefront's list and product pages, desktop and phone, and the list
// with a subgraph down, into docs/ for the README. Runs the whole graph on embedded stores, as
// `npm start` does, on free ports.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { configSchema, inheritedEnv, launchStack } from '@tributary/stack';
import { openBrowserPage } from '@tributary/traces/test-support';
import { DESKTOP, PHONE, openFirstProduct, openProductList, requireBuiltSite, signIn } from './storefront-browser.ts';

const docs = new URL('../../docs/', import.meta.url).pathname;

async function shoot(page: Page, name: string): Promise<void> {
  const path = `${docs}storefront-${name}.png`;
  await page.screenshot({ path });
  console.log(path);
}

requireBuiltSite();
mkdirSync(docs, { recursive: true });
const stack = await launchStack(configSchema.parse({ PORT: '0', LOG_LEVEL: 'warn' }), inheritedEnv());
try {
  for (const [device, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await using browser = await openBrowserPage();
    await browser.page.setViewportSize(viewport);
    await openProductList(browser.page, stack.siteUrl);
    await shoot(browser.page, `list-${device}`);
    await signIn(browser.page, stack.siteUrl, '1');
    await openFirstProduct(browser.page);
    await shoot(browser.page, `product-${device}`);
  }
  await stack.kill('inventory');
  await using browser = await openBrowserPage();
  await browser.page.setViewportSize(DESKTOP);
  await openProductList(browser.page, stack.siteUrl);
  await shoot(browser.page, 'list-partial-desktop');
} finally {
  await stack.stop();
}
