import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../test-support/config.ts';
import { uniquePrefix } from '../test-support/redis.ts';
import { startTestStack } from './support/stack.ts';
import { bearer, post } from '../test-support/http.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({ REDIS_URL: testRedisUrl, CACHE_KEY_PREFIX: uniquePrefix(), RESPONSE_CACHE_ENABLED: 'true' });
});
afterAll(() => stack?.[Symbol.asyncDispose]());

const as = async (user?: string, scopes?: string[]): Promise<Record<string, string>> =>
  user ? bearer(await stack.issuer.token({ user, scopes })) : {};
/** The response cache answers from cache with an `age` header. */
const fromCache = async (query: string, user?: string, scopes?: string[]) =>
  (await post(stack.gatewayUrl, query, undefined, await as(user, scopes))).headers.has('age');

describe('the whole-response cache (RESPONSE_CACHE_ENABLED)', () => {
  it('serves a public operation from cache, anonymous and signed-in callers each from their own pool', async () => {
    const query = '{ topProducts(first: 3) { name price } }';
    expect([await fromCache(query), await fromCache(query)]).toEqual([false, true]);
    // Public answers to signed-in users are shared among them, apart from the anonymous ones.
    expect([await fromCache(query, '7'), await fromCache(query, '8')]).toEqual([false, true]);
  });

  it('keeps private answers per user: never served to another user or to an anonymous caller', async () => {
    const query = '{ user(id: "1") { name email } }';
    expect(await fromCache(query, '1')).toBe(false);
    expect(await fromCache(query, '1')).toBe(true);
    // Anyone else is denied the email, is never served user 1's answer, and answers with errors are not cached.
    for (const other of ['2', '2', undefined, undefined]) expect(await fromCache(query, other)).toBe(false);
    const ownerOnly = (await post(stack.gatewayUrl, query, undefined, await as('2'))).body;
    expect(ownerOnly).toMatchObject({ data: { user: { email: null } }, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });

  it('never caches what is not cacheable: me, and mutations', async () => {
    expect(await fromCache('{ me { name } }', '1')).toBe(false);
    expect(await fromCache('{ me { name } }', '1')).toBe(false);
    const mutation = 'mutation { restock(upc: "100000000001", amount: 1) { quantity } }';
    expect(await fromCache(mutation, '3', ['admin'])).toBe(false);
    expect(await fromCache(mutation, '3', ['admin'])).toBe(false);
  });
});
