import { admin, anonymous, errorsOf, knownEntities, testSubgraph, user } from '@tributary/service-kit/subgraph/testing';
import { describe, expect, it } from 'vitest';
import { subgraph } from './app.ts';
import { settings } from './config.ts';
import { MAX_PAGE } from './loaders.ts';
import type { Review } from './review-store.ts';
import { MemoryReviewStore } from './test/memory-review-store.ts';

const review = (id: number, authorId: string, productUpc: string, day: number): Review => ({
  id: String(id),
  authorId,
  productUpc,
  body: `Review ${id}`,
  rating: (id % 5) + 1,
  createdAt: `2025-12-${String(day).padStart(2, '0')}T00:00:00.000Z`,
});
// Users 1 and 2 reviewed p1 and p2; user 3 has an account and no reviews; user 4 has a valid token and no account.
const stored = [review(1, '1', 'p1', 1), review(2, '1', 'p2', 2), review(3, '2', 'p1', 3), review(4, '2', 'p1', 4)];

// The store is in memory: the database URL the settings require is never dialled.
const required = { DATABASE_URL: 'postgres://unused/reviews' };

const reviews = () => {
  const accounts = knownEntities({ User: ['1', '2', '3', '9'] });
  const products = knownEntities({ Product: ['p1', 'p2', 'p3'] });
  const kit = testSubgraph(subgraph, { config: settings.parse(required), store: new MemoryReviewStore(stored), subgraphs: { accounts, products } });
  return { kit, accounts, products };
};

const add = 'mutation($input: AddReviewInput!) { addReview(input: $input) { id body rating author { id } product { upc } } }';
const good = { productUpc: 'p3', body: ' Solid. ', rating: 4 };
const ids = (list: { id: string }[] | null) => list?.map((r) => r.id);

describe('Query.review', () => {
  it('answers a review by id with its author and product as references, and null for an unknown id', async () => {
    const { kit } = reviews();
    expect((await kit.execute('{ review(id: "3") { id body rating createdAt author { id } product { upc } } }')).data).toEqual({
      review: { id: '3', body: 'Review 3', rating: 4, createdAt: '2025-12-03T00:00:00.000Z', author: { id: '2' }, product: { upc: 'p1' } },
    });
    expect((await kit.execute('{ review(id: "99") { id } }')).data).toEqual({ review: null });
  });

  it.each(['x', '0', '1.5'])('refuses the id %j with BAD_USER_INPUT on id, reading nothing', async (id) => {
    const { kit } = reviews();
    const result = await kit.execute('query($id: ID!) { review(id: $id) { id } }', { variables: { id } });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'id', path: ['review'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});

describe('Review.__resolveReference', () => {
  it('resolves N references with one store call, unknown and malformed ids as null', async () => {
    const { kit } = reviews();
    const reps = ['1', '2', '4', '99', 'x'].map((id) => ({ __typename: 'Review', id }));
    const result = await kit.entities<{ id: string }>(reps, '... on Review { id }');
    expect(result.data!._entities).toEqual([{ id: '1' }, { id: '2' }, { id: '4' }, null, null]);
    expect(kit.callsTo('findByIds')).toEqual([[['1', '2', '4', '99']]]);
  });
});

describe('Product.reviews and User.reviews', () => {
  it('list a product\'s reviews newest first, five by default, for N products in one store call', async () => {
    const { kit } = reviews();
    const reps = ['p1', 'p2', 'p3'].map((upc) => ({ __typename: 'Product', upc }));
    const result = await kit.entities<{ reviews: { id: string }[] }>(reps, '... on Product { reviews { id } }');
    expect(result.data!._entities.map((p) => ids(p!.reviews))).toEqual([['4', '3', '1'], ['2'], []]);
    expect(kit.callsTo('newestByProducts')).toEqual([[['p1', 'p2', 'p3'], 5]]);
  });

  it('list an author\'s reviews for N users in one store call per page size, and prime the review loader', async () => {
    const { kit } = reviews();
    const context = await kit.context();
    const result = await kit.execute<{ _entities: { a: { id: string }[]; b: { id: string }[] }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { a: reviews(first: 1) { id } b: reviews(first: 2) { id } } } }',
      { variables: { r: ['1', '2', '3'].map((id) => ({ __typename: 'User', id })) }, context },
    );
    expect(result.data!._entities.map((u) => [ids(u.a), ids(u.b)])).toEqual([[['2'], ['2', '1']], [['4'], ['4', '3']], [[], []]]);
    expect(kit.callsTo('newestByAuthors').sort()).toEqual([[['1', '2', '3'], 1], [['1', '2', '3'], 2]].sort());
    expect((await context.loaders.review.load('3'))?.body).toBe('Review 3');
    expect(kit.callsTo('findByIds')).toEqual([]);
  });

  it.each([0, MAX_PAGE + 1])('refuse first: %i with BAD_USER_INPUT on first, reading nothing', async (first) => {
    const { kit } = reviews();
    for (const [typename, key] of [['Product', { upc: 'p1' }], ['User', { id: '1' }]] as const) {
      const result = await kit.execute('query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Product { reviews(first: $first) { id } } ... on User { reviews(first: $first) { id } } } }', {
        variables: { r: [{ __typename: typename, ...key }], first },
      });
      expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'first', path: ['_entities', 0, 'reviews'] }]);
    }
    expect(kit.storeCalls).toEqual([]);
  });

  it('come from the cache on the next request', async () => {
    const { kit } = reviews();
    const reps = [{ __typename: 'Product', upc: 'p1' }];
    await kit.entities(reps, '... on Product { reviews(first: 2) { id } }');
    kit.resetCalls();
    await kit.entities(reps, '... on Product { reviews(first: 2) { id } }');
    expect(kit.storeCalls).toEqual([]);
    expect(kit.cache!.keys('mget')).toEqual(['Product.reviews:2:p1']);
  });
});

describe('Mutation.addReview (@authenticated, and an account)', () => {
  it('adds a review by the signed-in user, trimmed, checking author and product with their owners', async () => {
    const { kit, accounts, products } = reviews();
    const result = await kit.execute(add, { variables: { input: good }, viewer: user('3') });
    expect(result.data).toEqual({ addReview: { id: '5', body: 'Solid.', rating: 4, author: { id: '3' }, product: { upc: 'p3' } } });
    // The actor travels with the write, for the ReviewAdded event.
    expect(kit.callsTo('create')).toEqual([[{ authorId: '3', productUpc: 'p3', body: 'Solid.', rating: 4 }, expect.objectContaining({ userId: '3' })]]);
    expect(accounts.calls).toEqual([{ method: 'existing', args: ['User', 'id', ['3']] }]);
    expect(products.calls).toEqual([{ method: 'existing', args: ['Product', 'upc', ['p3']] }]);
  });

  it('writes an admin\'s review as the admin\'s own, like anyone\'s', async () => {
    const { kit } = reviews();
    expect((await kit.execute(add, { variables: { input: good }, viewer: admin('9') })).data?.addReview.author).toEqual({ id: '9' });
  });

  it('invalidates the new id and every cached page of both lists, so they show the review at once', async () => {
    const { kit } = reviews();
    const lists = '... on Product { reviews(first: 1) { id } } ... on User { reviews(first: 3) { id } }';
    const reps = [{ __typename: 'Product', upc: 'p1' }, { __typename: 'User', id: '1' }];
    await kit.entities(reps, lists);
    await kit.execute(add, { variables: { input: { ...good, productUpc: 'p1' } }, viewer: user('1') });
    const del = kit.cache!.keys('del');
    expect(del).toHaveLength(1 + 2 * MAX_PAGE);
    expect(del).toEqual(expect.arrayContaining(['Review:5', 'Product.reviews:1:p1', `Product.reviews:${MAX_PAGE}:p1`, 'User.reviews:3:1']));
    const after = await kit.entities<{ reviews: { id: string }[] }>(reps, lists);
    expect(after.data!._entities.map((e) => ids(e!.reviews))).toEqual([['5'], ['5', '2', '1']]);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED, asking and writing nothing', async () => {
    const { kit, accounts } = reviews();
    const result = await kit.execute(add, { variables: { input: good }, viewer: anonymous });
    expect(result.data).toEqual({ addReview: null });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED', path: ['addReview'] }]);
    expect([kit.storeCalls, accounts.calls]).toEqual([[], []]);
  });

  it('refuses a signed-in user with no account with FORBIDDEN, writing nothing', async () => {
    const { kit } = reviews();
    const result = await kit.execute(add, { variables: { input: good }, viewer: user('4') });
    expect(errorsOf(result)).toEqual([{ code: 'FORBIDDEN', path: ['addReview'] }]);
    expect(kit.callsTo('create')).toEqual([]);
  });

  it('refuses a product its owner does not know with BAD_USER_INPUT on productUpc', async () => {
    const { kit } = reviews();
    const result = await kit.execute(add, { variables: { input: { ...good, productUpc: 'p99' } }, viewer: user('1') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'productUpc', path: ['addReview'] }]);
    expect(kit.callsTo('create')).toEqual([]);
  });

  it.each([
    [{ body: '   ' }, 'body'],
    [{ body: 'x'.repeat(5_001) }, 'body'],
    [{ rating: 0 }, 'rating'],
    [{ rating: 6 }, 'rating'],
    [{ productUpc: 'not a upc' }, 'productUpc'],
  ])('refuses %j with BAD_USER_INPUT on %s, asking and writing nothing', async (bad, field) => {
    const { kit, products } = reviews();
    const result = await kit.execute(add, { variables: { input: { ...good, ...bad } }, viewer: user('1') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['addReview'] }]);
    expect([kit.storeCalls, products.calls]).toEqual([[], []]);
  });
});

describe('User.__resolveReference and Product.__resolveReference', () => {
  it('answer any key without reading the store: the owners decide existence', async () => {
    const { kit } = reviews();
    const result = await kit.entities([{ __typename: 'User', id: '77' }, { __typename: 'Product', upc: 'zz' }], '... on User { id } ... on Product { upc }');
    expect(result.data).toEqual({ _entities: [{ id: '77' }, { upc: 'zz' }] });
    expect(kit.storeCalls).toEqual([]);
  });
});
