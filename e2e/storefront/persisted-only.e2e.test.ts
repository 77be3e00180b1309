import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaManifestPath } from '@tributary/stack';
import { openBrowserPage } from '@tributary/traces/test-support';
import { post } from '../../test-support/http.ts';
import { startTestStack } from '../support/stack.ts';
import { openFirstProduct, openProductList, postReview, recordGraphQL, requireBuiltSite, signIn } from './storefront-browser.ts';

// Production as it runs on AWS: NODE_ENV=production, and the gateway runs only the operations of
// the trusted-documents manifest (PERSISTED_OPERATIONS_PATH, PERSISTED_OPERATIONS_ONLY=true).

let stack: Awaited<ReturnType<typeof startTestStack>>;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const byHash = (url: string, hash: string) =>
  fetch(`${url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`, {
    headers: { 'apollo-require-preflight': 'true' },
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } }));

beforeAll(async () => {
  requireBuiltSite();
  stack = await startTestStack({ NODE_ENV: 'production', PERSISTED_OPERATIONS_ONLY: 'true' });
});

afterAll(async () => {
  await stack?.[Symbol.asyncDispose]();
});

describe('persisted-only production', () => {
  it('refuses an operation that is not in the manifest with PERSISTED_QUERY_NOT_FOUND, by its text or its hash', async () => {
    const other = '{ topProducts(first: 1) { name } }';
    for (const url of [stack.gatewayUrl, `${stack.siteUrl}/graphql`]) {
      const asText = await post(url, other);
      expect(asText.status).toBe(400);
      expect(asText.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const asHash = await byHash(url, sha256(other));
      expect(asHash.status).toBe(400);
      expect(asHash.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
    const manifest = JSON.parse(await readFile(spaManifestPath, 'utf8')) as { operations: { id: string; name: string }[] };
    const topProducts = manifest.operations.find((o) => o.name === 'TopProducts')!;
    const known = await byHash(stack.gatewayUrl, topProducts.id);
    expect(known.status).toBe(200);
    expect(known.body.errors).toBeUndefined();
  });

  it('serves the SPA end to end: the list in one request, sign-in, a review, the account page', async () => {
    await using b = await openBrowserPage();
    const requests = recordGraphQL(b.page);
    await openProductList(b.page, stack.siteUrl);
    expect(requests).toHaveLength(1);
    expect(await b.page.locator('.card').count()).toBeGreaterThanOrEqual(20);
    expect(await b.page.getByText('unavailable').count()).toBe(0);

    await signIn(b.page, stack.siteUrl, '4');
    await openFirstProduct(b.page);
    const body = `Persisted and trusted, ${new Date().toISOString()}.`;
    await postReview(b.page, body, '5');
    await b.page.getByRole('status').filter({ hasText: 'your review is posted' }).waitFor();
    await b.page.getByRole('link', { name: 'Your account' }).click();
    await b.page.locator('.review-body', { hasText: body }).waitFor();

    for (const request of requests) {
      const response = await request.response();
      // urql aborts a query whose page went away (the product page's refetch after the review).
      if (!response && request.failure()?.errorText === 'net::ERR_ABORTED') continue;
      expect(response?.status(), `${request.method()} ${request.url()}`).toBe(200);
      expect(request.postData() ?? '', 'no document is ever sent').not.toContain('"query"');
    }
    expect(requests.map((r) => r.method())).toContain('POST');
  });
});
