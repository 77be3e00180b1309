import { signIdentity } from '@tributary/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from './support/stack.ts';
import { bearer, post } from '../test-support/http.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const headers: Record<Subject, Record<string, string>> = { anonymous: {}, other: {}, owner: {}, admin: {} };

type Subject = 'anonymous' | 'other' | 'owner' | 'admin';
const SUBJECTS: Subject[] = ['anonymous', 'other', 'owner', 'admin'];
/** Seeded users: the owner of the data read is user 1; another user is 2; the admin is user 3 with scope admin. */
const USER_OF: Record<Exclude<Subject, 'anonymous'>, string> = { other: '2', owner: '1', admin: '3' };

beforeAll(async () => {
  stack = await startTestStack();
  headers.other = bearer(await stack.issuer.token({ user: USER_OF.other }));
  headers.owner = bearer(await stack.issuer.token({ user: USER_OF.owner }));
  headers.admin = bearer(await stack.issuer.token({ user: USER_OF.admin, scopes: ['admin'] }));
});
afterAll(() => stack?.[Symbol.asyncDispose]());

const gql = (query: string, as: Subject | Record<string, string> = 'anonymous', variables?: Record<string, unknown>) =>
  post(stack.gatewayUrl, query, variables, typeof as === 'string' ? headers[as] : as);

type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';

interface Row {
  name: string;
  expected: Record<Subject, Outcome>;
  /** Runs the operation as `subject`; returns the value at the protected field (null when denied). */
  run(subject: Subject): Promise<{ value: unknown; codes: unknown[]; path?: unknown[] }>;
  /** For mutations: whether this subject's attempt left a trace. */
  written?(subject: Subject): Promise<boolean>;
}

const at = (data: unknown, path: (string | number)[]) => path.reduce<any>((value, key) => value?.[key], data);

/** One operation, the protected field's path in the answer. */
const operation =
  (query: string | ((subject: Subject) => string), path: (string | number)[]) =>
  async (subject: Subject) => {
    const { status, body } = await gql(typeof query === 'string' ? query : query(subject), subject);
    expect(status, 'a denial is a field error, not a failed request').toBe(200);
    return { value: at(body.data, path), codes: (body.errors ?? []).map((e) => e.extensions?.code), path: body.errors?.[0]?.path };
  };

const ownerOnly = { anonymous: 'UNAUTHENTICATED', other: 'FORBIDDEN', owner: 'ok', admin: 'FORBIDDEN' } as const;
const adminOnly = { anonymous: 'UNAUTHENTICATED', other: 'FORBIDDEN', owner: 'FORBIDDEN', admin: 'ok' } as const;
const signedIn = { anonymous: 'UNAUTHENTICATED', other: 'ok', owner: 'ok', admin: 'ok' } as const;
const everyone = { anonymous: 'ok', other: 'ok', owner: 'ok', admin: 'ok' } as const;

const reviewBodies = async () =>
  ((await gql('{ product(upc: "100000000007") { reviews(first: 50) { body } } }')).body.data.product.reviews as { body: string }[]).map((r) => r.body);
const stockOf = async (upc: string) => (await gql(`{ product(upc: "${upc}") { quantity } }`)).body.data.product.quantity as number;
const quantities: Record<Subject, number> = { anonymous: 11, other: 12, owner: 13, admin: 14 };

const ROWS: Row[] = [
  { name: 'User.email', expected: ownerOnly, run: operation('{ user(id: "1") { name email } }', ['user', 'email']) },
  { name: 'User.birthday', expected: ownerOnly, run: operation('{ user(id: "1") { name birthday } }', ['user', 'birthday']) },
  {
    // The same field reached through another subgraph's entity: reviews → accounts (_entities).
    name: 'Review.author.email (entity fetch)',
    expected: ownerOnly,
    run: operation('{ user(id: "1") { reviews(first: 1) { author { id email } } } }', ['user', 'reviews', 0, 'author', 'email']),
  },
  { name: 'Query.me', expected: signedIn, run: operation('{ me { id } }', ['me', 'id']) },
  {
    name: 'Mutation.addReview',
    expected: signedIn,
    run: operation(
      (subject) => `mutation { addReview(input: { productUpc: "100000000007", body: "Review by ${subject}", rating: 4 }) { author { id } } }`,
      ['addReview', 'author', 'id'],
    ),
    written: async (subject) => (await reviewBodies()).includes(`Review by ${subject}`),
  },
  {
    name: 'Mutation.updateProduct',
    expected: adminOnly,
    run: operation((subject) => `mutation { updateProduct(upc: "100000000008", input: { name: "Renamed by ${subject}" }) { name } }`, ['updateProduct', 'name']),
    written: async (subject) => (await gql('{ product(upc: "100000000008") { name } }')).body.data.product.name === `Renamed by ${subject}`,
  },
  {
    name: 'Mutation.setStock',
    expected: adminOnly,
    run: operation((subject) => `mutation { setStock(upc: "100000000009", quantity: ${quantities[subject]}) { quantity } }`, ['setStock', 'quantity']),
    written: async (subject) => (await stockOf('100000000009')) === quantities[subject],
  },
  {
    name: 'Mutation.restock',
    expected: adminOnly,
    run: async (subject) => {
      const before = await stockOf('100000000010');
      const result = await operation('mutation { restock(upc: "100000000010", amount: 1000) { quantity } }', ['restock', 'quantity'])(subject);
      restocked[subject] = (await stockOf('100000000010')) !== before;
      return result;
    },
    written: async (subject) => restocked[subject] ?? false,
  },
  {
    name: 'Mutation.createUser (sign-up)',
    expected: everyone,
    run: operation(
      (subject) => `mutation { createUser(input: { name: "New ${subject}", username: "new_${subject}", email: "new.${subject}@example.com" }) { name } }`,
      ['createUser', 'name'],
    ),
  },
];
const restocked: Partial<Record<Subject, boolean>> = {};

describe('authorization matrix: every owner-only field and every mutation × anonymous, another user, the owner, an admin', () => {
  const cells = ROWS.flatMap((row) => SUBJECTS.map((subject) => [row.name, subject, row] as const));
  it('has one cell per field or mutation and subject', () => {
    expect(cells).toHaveLength(ROWS.length * SUBJECTS.length);
  });

  it.each(cells)('%s as %s', async (_, subject, row) => {
    const expected = row.expected[subject];
    const { value, codes } = await row.run(subject);
    if (expected === 'ok') {
      expect(codes).toEqual([]);
      expect(value).not.toBeNull();
      expect(value).not.toBeUndefined();
    } else {
      expect(codes).toEqual([expected]);
      expect(value ?? null).toBeNull();
    }
    if (row.written) expect(await row.written(subject), 'a write happens exactly when allowed').toBe(expected === 'ok');
  });

  it('shows the owner their own email and birthday, and writes a review as the signed-in user', async () => {
    const { body } = await gql('{ me { id email birthday } }', 'owner');
    expect(body.data.me).toMatchObject({ id: '1', email: expect.stringContaining('@'), birthday: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const added = await gql('mutation { addReview(input: { productUpc: "100000000011", body: "Mine", rating: 5 }) { author { id } } }', 'other');
    expect(added.body.data.addReview.author.id).toBe(USER_OF.other);
  });
});

describe('identity cannot be forged', () => {
  it('refuses an author named in the input', async () => {
    const { body } = await gql('mutation { addReview(input: { productUpc: "100000000011", authorId: "1", body: "x", rating: 5 }) { id } }', 'other');
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('drops a client\'s own identity header at the gateway', async () => {
    const forged = signIdentity({ userId: '1', scopes: ['admin'], expiresAt: Math.floor(Date.now() / 1000) + 60 }, 'a-guessed-secret-that-is-32-chars-long');
    for (const header of [forged, 'v1.anything.at-all']) {
      const { status, body } = await gql('{ me { id } }', { 'x-tributary-identity': header, 'x-tributary-user-id': '1' });
      expect(status).toBe(200);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 401 at a subgraph called directly with a forged identity, and serves no owner-only data without one', async () => {
    const forged = signIdentity({ userId: '1', scopes: ['admin'], expiresAt: Math.floor(Date.now() / 1000) + 60 }, 'a-guessed-secret-that-is-32-chars-long');
    const direct = await post(stack.subgraphUrls.accounts, '{ user(id: "1") { email } }', undefined, { 'x-tributary-identity': forged });
    expect(direct.status).toBe(401);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(direct.body)).not.toContain('@example.com');
    const unsigned = await post(stack.subgraphUrls.accounts, '{ user(id: "1") { email } }', undefined, { 'x-tributary-user-id': '1' });
    expect(unsigned.body).toMatchObject({ data: { user: { email: null } }, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const stock = await post(stack.subgraphUrls.inventory, 'mutation { setStock(upc: "100000000012", quantity: 0) { quantity } }', undefined, { 'x-tributary-identity': forged });
    expect(stock.status).toBe(401);
  });

  it('answers 401 UNAUTHENTICATED to a bad token, before planning, and 401 to an expired one', async () => {
    for (const token of ['not-a-jwt', await stack.issuer.token({ user: '1', ttlSeconds: -60 })]) {
      const { status, body, headers: answer } = await gql('{ topProducts(first: 1) { name } }', bearer(token));
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
      expect(answer.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('refuses a review by a signed-in user who has no account', async () => {
    const { body } = await gql('mutation { addReview(input: { productUpc: "100000000011", body: "ghost", rating: 1 }) { id } }', bearer(await stack.issuer.token({ user: '999999' })));
    expect(body).toMatchObject({ data: { addReview: null }, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });
});
