import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserPage, type BrowserPage } from '@tributary/traces/test-support';
import { startTestStack } from '../support/stack.ts';
import { PHONE, fitsViewport, openFirstProduct, openProductList, postReview, recordGraphQL, requireBuiltSite, signIn } from './storefront-browser.ts';

// The storefront SPA in headless Chromium against the whole graph, started as `npm start` starts
// it (stack/src/launch.ts: the subgraphs, the gateway with the SPA's manifest preloaded, and the
// site on the same origin as /graphql).

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  requireBuiltSite();
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.[Symbol.asyncDispose]();
});

/** A fresh browser profile per test: no HTTP cache or session left by another. */
async function browser(): Promise<BrowserPage> {
  return openBrowserPage();
}

describe('the storefront SPA', () => {
  it('renders 20+ top products with stock, shipping and reviews from exactly one GraphQL request, a GET by hash', async () => {
    await using b = await browser();
    const requests = recordGraphQL(b.page);
    await openProductList(b.page, stack.siteUrl);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    const url = new URL(request!.url());
    expect(request!.method()).toBe('GET');
    expect(url.searchParams.get('query'), 'the document itself is never sent').toBeNull();
    expect(JSON.parse(url.searchParams.get('extensions')!).persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await request!.headerValue('apollo-require-preflight')).toBe('true');
    expect(await request!.headerValue('authorization'), 'a public page is the same request for everyone').toBeNull();
    const response = await request!.response();
    expect(response!.status()).toBe(200);
    expect(await response!.headerValue('cache-control')).toMatch(/public/);
    expect(await response!.headerValue('x-amzn-trace-id')).toMatch(/^Root=1-/);

    const cards = b.page.locator('.card');
    expect(await cards.count()).toBeGreaterThanOrEqual(20);
    for (const card of await cards.all()) {
      expect(await card.locator('.price').textContent()).toMatch(/^\$\d/);
      expect(await card.locator('.stock').textContent()).toMatch(/^(In stock \(\d+ left\)|Out of stock)$/);
      expect(await card.locator('.shipping').textContent()).toMatch(/^(Free shipping|Shipping \$\d)/);
    }
    const authors = await b.page.locator('.card .review-meta').allTextContents();
    expect(authors.length, 'newest reviews with their authors').toBeGreaterThanOrEqual(20);
    expect(authors.every((author) => /\w+ \w+/.test(author))).toBe(true);
    expect(await b.page.getByText('unavailable').count()).toBe(0);
  });

  it('signs in through the development sign-in, posts a review and shows it on the product page and the account page', async () => {
    await using b = await browser();
    await signIn(b.page, stack.siteUrl, '1');
    const product = await openFirstProduct(b.page);
    const body = `Sturdy and light, tested on ${new Date().toISOString()}.`;
    await postReview(b.page, body, '4');
    await b.page.getByRole('status').filter({ hasText: 'your review is posted' }).waitFor();
    await expect.poll(() => b.page.locator('.review-body', { hasText: body }).count()).toBe(1);

    // From the server, not only from this tab's memory.
    await b.page.reload();
    await b.page.getByRole('heading', { level: 1, name: product }).waitFor();
    await expect.poll(() => b.page.locator('.review-body', { hasText: body }).count()).toBe(1);

    const requests = recordGraphQL(b.page);
    await b.page.getByRole('link', { name: 'Your account' }).click();
    await b.page.locator('.review-body', { hasText: body }).waitFor();
    expect(await b.page.locator('.facts').textContent()).toMatch(/Email.+@/);
    const me = requests.find((request) => new URL(request.url()).searchParams.get('operationName') === 'Me');
    expect(await me!.headerValue('authorization')).toMatch(/^Bearer /);
  });

  it('shows the field error of a bad review at its field, and posts nothing', async () => {
    await using b = await browser();
    await signIn(b.page, stack.siteUrl, '2');
    await openFirstProduct(b.page);
    const reviewsBefore = await b.page.locator('.review').count();
    await postReview(b.page, '   ');

    const field = b.page.getByLabel('Your review');
    const message = b.page.locator('#review-body-error');
    await message.waitFor();
    expect(await message.textContent()).toBe('body must be 1 to 5,000 characters');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe('review-body-error');
    expect(await field.evaluate((element) => element === document.activeElement), 'focus moves to the field').toBe(true);
    expect(await b.page.locator('.review-form .trace').textContent()).toMatch(/Trace ID: 1-/);
    expect(await b.page.locator('.review').count()).toBe(reviewsBefore);
  });

  it('fits a 390×844 phone screen: the list and a product page, signed in, with nothing wider than the screen', async () => {
    await using b = await browser();
    await b.page.setViewportSize(PHONE);
    await signIn(b.page, stack.siteUrl, '3');
    expect(await b.page.locator('.card').count()).toBeGreaterThanOrEqual(20);
    expect(await fitsViewport(b.page)).toBe(true);
    const firstCard = await b.page.locator('.card').first().boundingBox();
    expect(firstCard!.width).toBeLessThanOrEqual(PHONE.width);
    expect(firstCard!.width, 'one card per row').toBeGreaterThan(PHONE.width * 0.8);

    await openFirstProduct(b.page);
    expect(await fitsViewport(b.page)).toBe(true);
    const button = await b.page.getByRole('button', { name: 'Post review' }).boundingBox();
    expect(button!.height, 'a tap target of 44 px at least').toBeGreaterThanOrEqual(44);
    // Keyboard alone reaches the form: tab from the review box to the button and submit.
    await b.page.getByLabel('Your review').fill('Fits in a backpack.');
    await b.page.getByLabel('Your review').press('Tab');
    await b.page.keyboard.press('Enter');
    await b.page.getByRole('status').filter({ hasText: 'your review is posted' }).waitFor();
  });

  // Last: the inventory subgraph stays down.
  it('with the inventory subgraph stopped, still renders the list, marking stock and shipping unavailable', async () => {
    await stack.kill('inventory');
    await using b = await browser();
    const requests = recordGraphQL(b.page);
    await openProductList(b.page, stack.siteUrl);
    expect(requests).toHaveLength(1);

    const cards = b.page.locator('.card');
    expect(await cards.count()).toBeGreaterThanOrEqual(20);
    expect(await b.page.locator('.stock').allTextContents()).toEqual(Array(await cards.count()).fill('Stock unavailable'));
    expect(await b.page.locator('.shipping').allTextContents()).toEqual(Array(await cards.count()).fill('Shipping estimate unavailable'));
    expect(await b.page.locator('.card .review').count(), 'reviews still shown').toBeGreaterThanOrEqual(20);
    const notice = b.page.getByRole('status').filter({ hasText: 'Some details are unavailable' });
    expect(await notice.textContent()).toContain('SUBGRAPH_UNAVAILABLE');
    expect(await notice.textContent()).toMatch(/Trace ID: 1-[0-9a-f]{8}-[0-9a-f]{24}/);
  });
});
