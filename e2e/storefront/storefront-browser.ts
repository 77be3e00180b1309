import { existsSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';

/** A phone-sized viewport (an iPhone 12–15's CSS pixels). */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

const builtSite = new URL('../../web/dist/index.html', import.meta.url).pathname;

/** The browser tests drive the built SPA, as `npm start` serves it. */
export function requireBuiltSite(): void {
  if (!existsSync(builtSite)) throw new Error('The storefront is not built: run `npm run build -w web` (npm install does it)');
}

/** Every GraphQL request the page sends from now on, with its response once it has one. */
export function recordGraphQL(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') requests.push(request);
  });
  return requests;
}

/** The product list has rendered its cards (and the page sent what it was going to send). */
export async function openProductList(page: Page, siteUrl: string): Promise<void> {
  await page.goto(`${siteUrl}/`);
  await page.getByRole('heading', { level: 1, name: 'Top products' }).waitFor();
  await page.waitForLoadState('networkidle');
}

/** Signs in through the development authorization page, as a person would, and comes back. */
export async function signIn(page: Page, siteUrl: string, user = '1'): Promise<void> {
  await openProductList(page, siteUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('User id').fill(user);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('heading', { level: 1, name: 'Top products' }).waitFor();
}

/** Opens the first product of the list by its link, returning its name. */
export async function openFirstProduct(page: Page): Promise<string> {
  const link = page.locator('.card-title a').first();
  const name = (await link.textContent())!;
  await link.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.waitForLoadState('networkidle');
  return name;
}

/** Nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
export const fitsViewport = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Writes a review on the open product page and waits for the gateway's answer to show. */
export async function postReview(page: Page, body: string, stars = '4'): Promise<void> {
  await page.getByLabel('Rating').selectOption(stars);
  await page.getByLabel('Your review').fill(body);
  await page.getByRole('button', { name: 'Post review' }).click();
  await page.getByRole('button', { name: 'Post review' }).and(page.locator(':enabled')).waitFor();
}
