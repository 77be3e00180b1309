import { storeCalls, type Identity } from '@tributary/service-kit';
import { createDb, migrate, outboxMigrationSql } from '@tributary/service-kit/subgraph';
import { describe, expect, it } from 'vitest';
import { codes, subgraphExecutor, testViewer } from '../../../test-support/graphql.ts';
import { testLoaderSettings } from '../../../test-support/cache.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { createTestDatabase } from '../../../test-support/postgres.ts';
import { migrationsDir, subgraph } from './app.ts';
import type { ReviewsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { ReviewStore } from './review-store.ts';

async function setup() {
  const database = await createTestDatabase();
  const db = createDb({ url: database.url, max: 4, logger: silentLogger });
  await migrate(db, 'reviews', migrationsDir);
  await db.query(outboxMigrationSql('reviews'));
  const store = new ReviewStore(db);
  const everything = { existing: async (_: string, __: string, keys: string[]) => new Set(keys) };
  const context = (viewer: Identity | null = null): ReviewsContext => ({
    store,
    cache: testLoaderSettings().cache,
    loaders: createLoaders(store, testLoaderSettings()),
    subgraphs: { accounts: everything, products: everything },
    viewer,
  });
  return {
    store,
    context,
    async [Symbol.asyncDispose]() {
      await db.close();
      await database[Symbol.asyncDispose]();
    },
  };
}

const execute = subgraphExecutor('reviews', resolvers);

describe('ReviewStore against PostgreSQL', () => {
  it('returns the newest reviews per product, bounded by first', async () => {
    await using env = await setup();
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
    await env.store.insertMany([
      { id: '1', authorId: '1', productUpc: 'a', body: 'old', rating: 3, createdAt: at(1) },
      { id: '2', authorId: '2', productUpc: 'a', body: 'new', rating: 4, createdAt: at(3) },
      { id: '3', authorId: '1', productUpc: 'a', body: 'mid', rating: 5, createdAt: at(2) },
      { id: '4', authorId: '1', productUpc: 'b', body: 'b', rating: 1, createdAt: at(1) },
    ]);
    const rows = await env.store.newestByProducts(['a', 'b', 'none'], 2);
    expect(rows.map((r) => `${r.productUpc}:${r.body}`)).toEqual(['a:new', 'a:mid', 'b:b']);
    expect(rows[0]!.createdAt).toBe('2026-01-01T00:03:00.000Z');
    expect((await env.store.newestByAuthors(['1'], 5)).map((r) => r.id)).toEqual(['3', '4', '1']);
  });

  it('continues ids after the seed', async () => {
    await using env = await setup();
    expect(await subgraph.seed!(env.store, 'small')).toBe(200);
    const review = await env.store.create({ authorId: '1', productUpc: '100000000001', body: 'ok', rating: 5 });
    expect(review.id).toBe('201');
  });

  it('loads the reviews of 60 products, their authors included, in one round trip', async () => {
    await using env = await setup();
    await subgraph.seed!(env.store, 'large');
    const upcs = Array.from({ length: 60 }, (_, i) => String(100_000_000_001 + i * 7));
    const before = storeCalls.total;
    const result = await execute(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Product { upc reviews(first: 5) { id rating author { id } product { upc } } } } }`,
      { r: upcs.map((upc) => ({ __typename: 'Product', upc })) },
      env.context(),
    );
    expect(storeCalls.total - before).toBe(1);
    expect(result.errors).toBeUndefined();
    const products = result.data!._entities as { upc: string; reviews: { product: { upc: string } }[] }[];
    expect(products).toHaveLength(60);
    for (const product of products) {
      expect(product.reviews).toHaveLength(5);
      for (const review of product.reviews) expect(review.product.upc).toBe(product.upc);
    }
  });

  it('rejects a bad or anonymous review and writes nothing; writes as the signed-in author', async () => {
    await using env = await setup();
    const add = (input: Record<string, unknown>, viewer: Identity | null = testViewer('7')) =>
      execute('mutation($i: AddReviewInput!) { addReview(input: $i) { id author { id } } }', { i: input }, env.context(viewer));
    const good = { productUpc: '100000000001', body: 'Nice', rating: 4 };
    expect(codes(await add({ ...good, rating: 6 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await add({ ...good, body: '   ' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await add({ ...good, body: 'x'.repeat(5_001) }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await add(good, null))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await add({ ...good, authorId: '1' }))).toEqual(['BAD_USER_INPUT']);
    expect(await env.store.count()).toBe(0);
    expect((await add(good)).data).toEqual({ addReview: { id: '1', author: { id: '7' } } });
  });

  it('adds a review once per idempotency key and author: retries, concurrent twins included, get the first one back', async () => {
    await using env = await setup();
    const add = (input: Record<string, unknown>, viewer = testViewer('7')) =>
      execute('mutation($i: AddReviewInput!) { addReview(input: $i) { id body } }', { i: input }, env.context(viewer));
    const write = { productUpc: '100000000001', body: 'Once', rating: 4, idempotencyKey: 'client-1:write-1' };
    const twins = await Promise.all([add(write), add(write), add(write)]);
    expect(twins.map((t) => t.data)).toEqual(Array(3).fill({ addReview: { id: '1', body: 'Once' } }));
    // A retry whose first attempt did go through returns that first review, whatever it now says.
    expect((await add({ ...write, body: 'Twice?' })).data).toEqual({ addReview: { id: '1', body: 'Once' } });
    // The key is the author's own: another author's same key is another write; no key, no dedup.
    expect((await add(write, testViewer('8'))).data).toEqual({ addReview: { id: '5', body: 'Once' } });
    const { idempotencyKey: _, ...keyless } = write;
    expect((await add(keyless)).data).toEqual({ addReview: { id: '6', body: 'Once' } });
    expect((await add(keyless)).data).toEqual({ addReview: { id: '7', body: 'Once' } });
    expect(await env.store.count()).toBe(4);
    expect(codes(await add({ ...write, idempotencyKey: '' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await add({ ...write, idempotencyKey: 'x'.repeat(101) }))).toEqual(['BAD_USER_INPUT']);
  });
});
