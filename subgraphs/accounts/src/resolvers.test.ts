import { describe, expect, it } from 'vitest';
import { codes, subgraphExecutor, testViewer } from '../../../test-support/graphql.ts';
import type { AccountsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { policies } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { testLoaderSettings } from '../../../test-support/cache.ts';
import type { NewUser, User, UserStore } from './user-store.ts';

/** A small in-memory stand-in for UserStore that counts its calls. */
class FakeUserStore {
  calls = 0;
  users: User[] = [
    { id: '1', name: 'Ada', username: 'ada', email: 'ada@example.com', birthday: null },
    { id: '2', name: 'Alan', username: 'alan', email: 'alan@example.com', birthday: '1912-06-23' },
  ];
  async findByIds(ids: readonly string[]) {
    this.calls += 1;
    return this.users.filter((u) => ids.includes(u.id));
  }
  async list(first: number) {
    this.calls += 1;
    return this.users.slice(0, first);
  }
  async create(user: NewUser) {
    if (this.users.some((u) => u.username === user.username)) return null;
    const created = { id: String(this.users.length + 1), ...user };
    this.users.push(created);
    return created;
  }
}

const execute = subgraphExecutor('accounts', resolvers, policies);
const contextFor = (store: FakeUserStore, viewer: string | null = null, scopes: string[] = []): AccountsContext => ({
  store: store as unknown as UserStore,
  cache: testLoaderSettings().cache,
  loaders: createLoaders(store as unknown as UserStore, testLoaderSettings()),
  viewer: viewer ? testViewer(viewer, scopes) : null,
  subgraphs: {},
});

describe('accounts resolvers', () => {
  it('answers me for the viewer, and UNAUTHENTICATED with null when anonymous', async () => {
    const store = new FakeUserStore();
    expect((await execute('{ me { name } }', {}, contextFor(store, '2'))).data).toEqual({ me: { name: 'Alan' } });
    const anonymous = await execute('{ me { name } }', {}, contextFor(store));
    expect(anonymous.data).toEqual({ me: null });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });

  it('shows email and birthday to their owner only, denying each field on its own', async () => {
    const store = new FakeUserStore();
    const query = '{ users(first: 2) { id name email birthday } }';
    const asAlan = await execute(query, {}, contextFor(store, '2'));
    expect(asAlan.data).toEqual({
      users: [
        { id: '1', name: 'Ada', email: null, birthday: null },
        { id: '2', name: 'Alan', email: 'alan@example.com', birthday: '1912-06-23' },
      ],
    });
    expect(codes(asAlan)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(asAlan.errors?.map((e) => e.path)).toEqual([['users', 0, 'email'], ['users', 0, 'birthday']]);
    expect(codes(await execute(query, {}, contextFor(store, '3', ['admin'])))).toEqual(Array(4).fill('FORBIDDEN'));
    const anonymous = await execute(query, {}, contextFor(store));
    expect(codes(anonymous)).toEqual(Array(4).fill('UNAUTHENTICATED'));
    expect(anonymous.data?.users).toEqual([
      { id: '1', name: 'Ada', email: null, birthday: null },
      { id: '2', name: 'Alan', email: null, birthday: null },
    ]);
  });

  it('primes the loader from users, so references in the same request cost nothing more', async () => {
    const store = new FakeUserStore();
    const context = contextFor(store);
    await execute('{ users(first: 2) { id } }', {}, context);
    await context.loaders.user.load('1');
    expect(store.calls).toBe(1);
  });

  it('validates page size and ids', async () => {
    const store = new FakeUserStore();
    expect(codes(await execute('{ users(first: 0) { id } }', {}, contextFor(store)))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await execute('{ user(id: "x") { id } }', {}, contextFor(store)))).toEqual(['BAD_USER_INPUT']);
    expect((await execute('{ user(id: "99") { id } }', {}, contextFor(store))).data).toEqual({ user: null });
  });

  it('creates a user and refuses a taken username', async () => {
    const store = new FakeUserStore();
    const create = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id username } }';
    const input = { name: 'Grace', username: 'grace', email: 'g@example.com' };
    expect((await execute(create, { i: input }, contextFor(store))).data).toEqual({ createUser: { id: '3', username: 'grace' } });
    expect(codes(await execute(create, { i: input }, contextFor(store)))).toEqual(['BAD_USER_INPUT']);
  });
});
