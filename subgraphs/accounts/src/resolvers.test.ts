import { admin, anonymous, errorsOf, testSubgraph, user } from '@tributary/service-kit/subgraph/testing';
import { describe, expect, it } from 'vitest';
import { subgraph } from './app.ts';
import { settings } from './config.ts';
import { MemoryUserStore } from './test/memory-user-store.ts';
import type { User } from './user-store.ts';

const ada: User = { id: '1', name: 'Ada', username: 'ada', email: 'ada@example.com', birthday: '1815-12-10' };
const alan: User = { id: '2', name: 'Alan', username: 'alan', email: 'alan@example.com', birthday: '1912-06-23' };

// The store is in memory: the database URL the settings require is never dialled.
const required = { DATABASE_URL: 'postgres://unused/accounts' };

/** The accounts subgraph over these users, with its default settings (caching on: the in-process LRU). */
const accounts = (users: User[] = [ada, alan], env: Record<string, string> = {}) =>
  testSubgraph(subgraph, { config: settings.parse({ ...required, ...env }), store: new MemoryUserStore(users) });

const create = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id name username email } }';
const grace = { name: 'Grace', username: 'grace', email: 'grace@example.com', birthday: '1906-12-09' };

describe('Query.me', () => {
  it('answers the signed-in user, admin or not', async () => {
    const kit = accounts();
    expect((await kit.execute('{ me { id name } }', { viewer: user('2') })).data).toEqual({ me: { id: '2', name: 'Alan' } });
    expect((await kit.execute('{ me { id } }', { viewer: admin('1') })).data).toEqual({ me: { id: '1' } });
  });

  it('is null with UNAUTHENTICATED for an anonymous caller, without reaching the store', async () => {
    const kit = accounts();
    const result = await kit.execute('{ me { id } }', { viewer: anonymous });
    expect(result.data).toEqual({ me: null });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED', path: ['me'] }]);
    expect(kit.storeCalls).toEqual([]);
  });
});

describe('Query.user', () => {
  it('answers a user by id, and null for an id with no user', async () => {
    const kit = accounts();
    expect((await kit.execute('{ user(id: "1") { name username } }')).data).toEqual({ user: { name: 'Ada', username: 'ada' } });
    expect((await kit.execute('{ user(id: "99") { name } }')).data).toEqual({ user: null });
  });

  it.each(['x', '0', '-1', '1'.repeat(19)])('refuses the id %j with BAD_USER_INPUT on id, reading nothing', async (id) => {
    const kit = accounts();
    const result = await kit.execute('query($id: ID!) { user(id: $id) { id } }', { variables: { id } });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'id', path: ['user'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it('reads a user from the store once, then from the cache', async () => {
    const kit = accounts();
    await kit.execute('{ user(id: "1") { name } }');
    await kit.execute('{ user(id: "1") { name } }');
    expect(kit.callsTo('findByIds')).toEqual([[['1']]]);
    expect(kit.cache!.keys('mget')).toEqual(['User:1', 'User:1']);
  });

  it('reads the store every time when caching is off', async () => {
    const kit = accounts([ada], { CACHE_ENABLED: 'false' });
    await kit.execute('{ user(id: "1") { name } }');
    await kit.execute('{ user(id: "1") { name } }');
    expect(kit.callsTo('findByIds')).toEqual([[['1']], [['1']]]);
    expect(kit.cache).toBeNull();
  });
});

describe('Query.users', () => {
  it('lists users in id order, ten by default', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...ada, id: String(12 - i), username: `u${i}`, email: `u${i}@x.io` }));
    const kit = accounts(many);
    const result = await kit.execute<{ users: { id: string }[] }>('{ users { id } }');
    expect(result.data!.users.map((u) => u.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(kit.callsTo('list')).toEqual([[10]]);
  });

  it.each([0, 101, -5])('refuses first: %i with BAD_USER_INPUT on first', async (first) => {
    const kit = accounts();
    const result = await kit.execute('query($first: Int) { users(first: $first) { id } }', { variables: { first } });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'first', path: ['users'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it('primes the request loader, so resolving a listed user again reads nothing more', async () => {
    const kit = accounts();
    const context = await kit.context();
    await kit.execute('{ users(first: 2) { id } }', { context });
    expect(await context.loaders.user.load('1')).toEqual(ada);
    expect(kit.storeCalls.map((call) => call.method)).toEqual(['list']);
  });
});

describe('User.email and User.birthday (@authenticated @policy owner)', () => {
  const query = '{ users(first: 2) { id name email birthday } }';

  it('shows them to their owner, and to no one else', async () => {
    const result = await accounts().execute(query, { viewer: user('2') });
    expect(result.data).toEqual({
      users: [
        { id: '1', name: 'Ada', email: null, birthday: null },
        { id: '2', name: 'Alan', email: 'alan@example.com', birthday: '1912-06-23' },
      ],
    });
    expect(errorsOf(result)).toEqual([
      { code: 'FORBIDDEN', path: ['users', 0, 'email'] },
      { code: 'FORBIDDEN', path: ['users', 0, 'birthday'] },
    ]);
  });

  it('are FORBIDDEN to an admin who is not the owner', async () => {
    const result = await accounts().execute(query, { viewer: admin('3') });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(Array(4).fill('FORBIDDEN'));
  });

  it('are UNAUTHENTICATED for an anonymous caller, the public fields still answered', async () => {
    const result = await accounts().execute(query);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(Array(4).fill('UNAUTHENTICATED'));
    expect(result.data!.users).toEqual([
      { id: '1', name: 'Ada', email: null, birthday: null },
      { id: '2', name: 'Alan', email: null, birthday: null },
    ]);
  });

  it('hold for references too: the owner through _entities', async () => {
    const kit = accounts();
    const reps = [{ __typename: 'User', id: '1' }];
    expect((await kit.entities(reps, '... on User { email }', { viewer: user('1') })).data).toEqual({ _entities: [{ email: 'ada@example.com' }] });
    expect(errorsOf(await kit.entities(reps, '... on User { email }', { viewer: user('2') }))).toEqual([
      { code: 'FORBIDDEN', path: ['_entities', 0, 'email'] },
    ]);
  });
});

describe('Mutation.createUser', () => {
  it('creates a user, normalized, and drops any cached "no such user" for its id', async () => {
    const kit = accounts();
    expect((await kit.execute('{ user(id: "3") { id } }')).data).toEqual({ user: null });
    const result = await kit.execute(create, { variables: { input: { ...grace, name: ' Grace ', email: 'Grace@Example.com' } } });
    expect(result.data).toEqual({ createUser: { id: '3', name: 'Grace', username: 'grace', email: null } });
    // The actor travels with the write, for the UserCreated event: here nobody is signed in.
    expect(kit.callsTo('create')).toEqual([[{ name: 'Grace', username: 'grace', email: 'grace@example.com', birthday: '1906-12-09' }, null]]);
    expect(kit.cache!.keys('del')).toEqual(['User:3']);
    expect((await kit.execute('{ user(id: "3") { name } }')).data).toEqual({ user: { name: 'Grace' } });
  });

  it('needs no sign-in (sign-up); the new private fields stay the owner\'s', async () => {
    const result = await accounts().execute(create, { variables: { input: grace }, viewer: anonymous });
    expect(result.data).toEqual({ createUser: { id: '3', name: 'Grace', username: 'grace', email: null } });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED', path: ['createUser', 'email'] }]);
  });

  it.each([
    ['username', { username: 'ada' }],
    ['email', { email: 'ADA@example.com' }],
  ])('refuses a taken %s with BAD_USER_INPUT on username', async (_, taken) => {
    const kit = accounts();
    const result = await kit.execute(create, { variables: { input: { ...grace, ...taken } } });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'username', path: ['createUser'] }]);
    expect(kit.cache!.keys('del')).toEqual([]);
  });

  it.each([
    [{ name: '  ' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ username: 'ab' }, 'username'],
    [{ username: 'x'.repeat(33) }, 'username'],
    [{ username: 'Has Caps' }, 'username'],
    [{ email: 'nope' }, 'email'],
    [{ email: `${'a'.repeat(250)}@x.io` }, 'email'],
    [{ birthday: '10/12/1815' }, 'birthday'],
    [{ birthday: '2023-02-30' }, 'birthday'],
    [{ birthday: '1899-12-31' }, 'birthday'],
    [{ birthday: '2999-01-01' }, 'birthday'],
  ])('refuses %j with BAD_USER_INPUT on %s, writing nothing', async (bad, field) => {
    const kit = accounts();
    const result = await kit.execute(create, { variables: { input: { ...grace, ...bad } } });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['createUser'] }]);
    expect(kit.callsTo('create')).toEqual([]);
  });
});

describe('User.__resolveReference', () => {
  it('resolves N references with one store call, unknown and malformed ids as null', async () => {
    const kit = accounts();
    const reps = ['1', '2', '99', 'x', '1'].map((id) => ({ __typename: 'User', id }));
    const result = await kit.entities(reps, '... on User { id name }');
    expect(result.data).toEqual({ _entities: [{ id: '1', name: 'Ada' }, { id: '2', name: 'Alan' }, null, null, { id: '1', name: 'Ada' }] });
    expect(kit.callsTo('findByIds')).toEqual([[['1', '2', '99']]]);
    expect(kit.cache!.calls).toEqual([
      { op: 'mget', keys: ['User:1', 'User:2', 'User:99'] },
      { op: 'mset', keys: ['User:1', 'User:2', 'User:99'] },
    ]);
  });

  it('answers the next request from the cache, the absent user included', async () => {
    const kit = accounts();
    const reps = ['1', '99'].map((id) => ({ __typename: 'User', id }));
    await kit.entities(reps, '... on User { id }');
    kit.resetCalls();
    expect((await kit.entities(reps, '... on User { id }')).data).toEqual({ _entities: [{ id: '1' }, null] });
    expect(kit.storeCalls).toEqual([]);
  });
});
