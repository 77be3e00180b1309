import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, cacheEnv } from '../../config.ts';
import { MAX_IDENTITY_SECONDS } from '../../identity/signed-identity.ts';
import { defineSettings } from '../../settings/settings.ts';
import type { SubgraphContext, SubgraphDefinition } from '../bootstrap/subgraph-definition.ts';
import { admin, anonymous, callsOf, codes, errorsOf, knownEntities, recordCalls, RecordingCacheStore, testSubgraph, user, type RecordedCall, type TestViewer } from './testing.ts';

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@requiresScopes"])
type Query { viewer: String, request: Int, secret: String @requiresScopes(scopes: [["admin"]]), name(id: ID!): String }
type Thing @key(fields: "id") { id: ID!, name: String }`;

/** A store of names, as small as a store gets. */
class Names {
  readonly names = new Map([['1', 'one'], ['2', 'two']]);
  label = 'names';
  async find(ids: readonly string[]) {
    return ids.filter((id) => this.names.has(id)).map((id) => ({ id, name: this.names.get(id)! }));
  }
}

type Context = SubgraphContext<Names, { request: number }>;
const settings = defineSettings({ service: 'testing-kit', settings: { ...baseEnv, PORT: { ...baseEnv.PORT, default: 0 }, ...cacheEnv } });

let dir: string;
let loadersMade = 0;
let definition: SubgraphDefinition<ReturnType<typeof settings.parse>, Context>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-testing-kit-'));
  await writeFile(join(dir, 'test.graphql'), SDL);
  definition = {
    name: 'testing-kit',
    sdlPath: join(dir, 'test.graphql'),
    openStore: () => Promise.reject(new Error('the kit never opens the real store')),
    loaders: () => ({ request: (loadersMade += 1) }),
    resolvers: {
      Query: {
        viewer: (_: unknown, __: unknown, { viewer }: Context) => JSON.stringify(viewer),
        request: (_: unknown, __: unknown, { loaders }: Context) => loaders.request,
        secret: () => 'kept',
        name: async (_: unknown, { id }: { id: string }, { store }: Context) => (await store.find([id]))[0]?.name ?? null,
      },
      Thing: {
        __resolveReference: async (ref: { id: string }, { store }: Context) => (await store.find([ref.id]))[0] ?? null,
      },
    },
  };
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const kit = (env: Record<string, string> = {}) => testSubgraph(definition, { config: settings.parse(env), store: new Names() });

describe('testSubgraph', () => {
  it('runs each operation for a viewer whose identity was signed and verified, with the scopes given', async () => {
    const subgraph = kit();
    const asViewer = async (viewer: TestViewer | null) =>
      JSON.parse((await subgraph.execute<{ viewer: string }>('{ viewer }', { viewer })).data!.viewer);
    const now = Math.floor(Date.now() / 1000);
    const signed = await asViewer(admin('7'));
    expect(signed).toMatchObject({ userId: '7', scopes: ['admin'] });
    expect(signed.expiresAt).toBeGreaterThan(now);
    expect(signed.expiresAt).toBeLessThanOrEqual(now + MAX_IDENTITY_SECONDS + 1);
    expect(await asViewer(user('8'))).toMatchObject({ userId: '8', scopes: [] });
    expect(await asViewer(anonymous)).toBeNull();
  });

  it('enforces the SDL\'s authorization directives, as the server\'s schema does', async () => {
    const subgraph = kit();
    expect(codes(await subgraph.execute('{ secret }'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await subgraph.execute('{ secret }', { viewer: user('1') }))).toEqual(['FORBIDDEN']);
    expect((await subgraph.execute('{ secret }', { viewer: admin('1') })).data).toEqual({ secret: 'kept' });
  });

  it('makes fresh loaders for each operation, unless one reuses a context', async () => {
    const subgraph = kit();
    const first = (await subgraph.execute<{ request: number }>('{ request }')).data!.request;
    expect((await subgraph.execute<{ request: number }>('{ request }')).data!.request).toBe(first + 1);
    const context = await subgraph.context();
    expect((await subgraph.execute<{ request: number }>('{ request }', { context })).data!.request).toBe(context.loaders.request);
  });

  it('resolves _entities representations, and records the store calls', async () => {
    const subgraph = kit();
    const result = await subgraph.entities([{ __typename: 'Thing', id: '2' }, { __typename: 'Thing', id: '9' }], '... on Thing { name }');
    expect(result.data).toEqual({ _entities: [{ name: 'two' }, null] });
    expect(subgraph.callsTo('find')).toEqual([[['2']], [['9']]]);
    subgraph.resetCalls();
    expect(subgraph.storeCalls).toEqual([]);
  });

  it('gives the recorded in-process cache when caching is on, none when off', () => {
    expect(kit().cache).toBeInstanceOf(RecordingCacheStore);
    expect(kit({ CACHE_ENABLED: 'false' }).cache).toBeNull();
  });

  it('passes variables, and summarizes errors with the field BAD_USER_INPUT names', async () => {
    const subgraph = kit();
    expect((await subgraph.execute('query($id: ID!) { name(id: $id) }', { variables: { id: '1' } })).data).toEqual({ name: 'one' });
    const invalid = await subgraph.execute('{ name }');
    expect(codes(invalid)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(errorsOf({ errors: [{ message: 'm', path: ['a'], extensions: { code: 'BAD_USER_INPUT', field: 'id' } }] })).toEqual([
      { code: 'BAD_USER_INPUT', field: 'id', path: ['a'] },
    ]);
  });
});

describe('recordCalls', () => {
  it('records method calls with their arguments and passes everything else through', async () => {
    const calls: RecordedCall[] = [];
    const names = recordCalls(new Names(), calls);
    expect(await names.find(['1'])).toEqual([{ id: '1', name: 'one' }]);
    expect(names.label).toBe('names');
    expect(callsOf(calls, 'find')).toEqual([[['1']]]);
    expect(calls).toHaveLength(1);
  });
});

describe('RecordingCacheStore', () => {
  it('keeps entries as the in-process store does, recording each round trip without the namespace', async () => {
    const store = new RecordingCacheStore('ns');
    await store.mset([{ key: 'ns:User:1', value: '"a"', ttlSeconds: 60 }]);
    expect(await store.mget(['ns:User:1', 'ns:User:2'])).toEqual(['"a"', null]);
    await store.del(['ns:User:1']);
    expect(await store.mget(['ns:User:1'])).toEqual([null]);
    expect(store.calls).toEqual([
      { op: 'mset', keys: ['User:1'] },
      { op: 'mget', keys: ['User:1', 'User:2'] },
      { op: 'del', keys: ['User:1'] },
      { op: 'mget', keys: ['User:1'] },
    ]);
    expect(store.keys('mget')).toEqual(['User:1', 'User:2', 'User:1']);
  });
});

describe('knownEntities', () => {
  it('answers which keys exist, as the owning subgraph would, and records each question', async () => {
    const owner = knownEntities({ Product: ['p1'] });
    expect(await owner.existing('Product', 'upc', ['p1', 'p2'])).toEqual(new Set(['p1']));
    expect(await owner.existing('User', 'id', ['1'])).toEqual(new Set());
    expect(owner.calls.map((call) => call.args[0])).toEqual(['Product', 'User']);
  });
});
