import { storeCalls } from '@tributary/service-kit';
import { createDb, migrate, outboxMigrationSql } from '@tributary/service-kit/subgraph';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test-support/postgres.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { migrationsDir, subgraph } from './app.ts';
import { policies } from './policies.ts';
import { UserStore } from './user-store.ts';
import { subgraphExecutor } from '../../../test-support/graphql.ts';
import { testLoaderSettings } from '../../../test-support/cache.ts';

async function setup() {
  const database = await createTestDatabase();
  const db = createDb({ url: database.url, max: 4, logger: silentLogger });
  await migrate(db, 'accounts', migrationsDir);
  await db.query(outboxMigrationSql('accounts'));
  const store = new UserStore(db);
  return {
    store,
    db,
    async [Symbol.asyncDispose]() {
      await db.close();
      await database[Symbol.asyncDispose]();
    },
  };
}

describe('UserStore against PostgreSQL', () => {
  it('applies migrations once', async () => {
    await using env = await setup();
    expect(await migrate(env.db, 'accounts', migrationsDir)).toEqual([]);
  });

  it('creates users and refuses a taken username or email', async () => {
    await using env = await setup();
    const ada = await env.store.create({ name: 'Ada', username: 'ada', email: 'ada@example.com', birthday: '1815-12-10' });
    expect(ada).toMatchObject({ name: 'Ada', username: 'ada', birthday: '1815-12-10' });
    expect(await env.store.create({ name: 'Other', username: 'ada', email: 'x@example.com', birthday: null })).toBeNull();
    expect(await env.store.create({ name: 'Other', username: 'ada2', email: 'ada@example.com', birthday: null })).toBeNull();
    expect(await env.store.count()).toBe(1);
  });

  it('seeds the small profile once, then continues ids after the seed', async () => {
    await using env = await setup();
    expect(await subgraph.seed!(env.store, 'small')).toBe(20);
    expect(await subgraph.seed!(env.store, 'small')).toBe(0);
    const created = await env.store.create({ name: 'New', username: 'newbie', email: 'n@example.com', birthday: null });
    expect(created!.id).toBe('21');
    expect((await env.store.list(3)).map((u) => u.id)).toEqual(['1', '2', '3']);
  });

  it('resolves 60 user references in one round trip', async () => {
    await using env = await setup();
    await subgraph.seed!(env.store, 'large');
    const execute = subgraphExecutor('accounts', resolvers, policies);
    const ids = Array.from({ length: 60 }, (_, i) => String(i * 97 + 1));
    const before = storeCalls.total;
    const result = await execute(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username } } }',
      { r: ids.map((id) => ({ __typename: 'User', id })) },
      { store: env.store, cache: testLoaderSettings().cache, loaders: createLoaders(env.store, testLoaderSettings()), viewer: null, subgraphs: {} },
    );
    const roundTrips = storeCalls.total - before;
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((u: { id: string }) => u.id)).toEqual(ids);
    expect(roundTrips).toBe(1);
  });
});
