import { createRequire } from 'node:module';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { enforceAuthorization } from './authorization.ts';
import type { Identity } from '../../identity/signed-identity.ts';

const sdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])
  type Query {
    open: String
    signedIn: String @authenticated
    account(id: ID!): Account
    vault: Vault
  }
  type Mutation {
    wipe: Boolean @requiresScopes(scopes: [["admin"], ["ops", "wipe"]])
  }
  type Account @key(fields: "id") {
    id: ID!
    secret: String @policy(policies: [["owner"]])
  }
  type Vault @authenticated {
    gold: Int
  }
`;

// The CommonJS build @apollo/subgraph made the schema with: vitest would give the ESM one, a realm apart.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const writes: string[] = [];
const schema = () =>
  enforceAuthorization(
    buildSubgraphSchema({
      typeDefs: parse(sdl),
      resolvers: {
        Query: { open: () => 'open', signedIn: () => 'in', account: (_: unknown, { id }: { id: string }) => ({ id, secret: `s${id}` }), vault: () => ({ gold: 5 }) },
        Mutation: { wipe: () => (writes.push('wipe'), true) },
      } as never,
    }),
    { owner: (account, viewer) => (account as { id: string }).id === viewer.userId },
  );

const viewer = (userId: string, scopes: string[] = []): Identity => ({ userId, scopes, expiresAt: 0 });
const run = async (source: string, who: Identity | null) => {
  const result = await graphql({ schema: built, source, contextValue: { viewer: who } });
  return { data: result.data, codes: (result.errors ?? []).map((e) => e.extensions.code) };
};
const built = schema();

describe('enforceAuthorization', () => {
  it('leaves undirected fields alone', async () => {
    expect(await run('{ open }', null)).toEqual({ data: { open: 'open' }, codes: [] });
  });

  it('@authenticated: UNAUTHENTICATED and null without a viewer, the value with one', async () => {
    expect(await run('{ open signedIn }', null)).toEqual({ data: { open: 'open', signedIn: null }, codes: ['UNAUTHENTICATED'] });
    expect(await run('{ signedIn }', viewer('1'))).toEqual({ data: { signedIn: 'in' }, codes: [] });
  });

  it('@requiresScopes: any one group, every scope of it; no write when denied', async () => {
    writes.length = 0;
    expect(await run('mutation { wipe }', null)).toEqual({ data: { wipe: null }, codes: ['UNAUTHENTICATED'] });
    expect(await run('mutation { wipe }', viewer('1', ['ops']))).toEqual({ data: { wipe: null }, codes: ['FORBIDDEN'] });
    expect(writes).toEqual([]);
    expect(await run('mutation { wipe }', viewer('1', ['wipe', 'ops']))).toEqual({ data: { wipe: true }, codes: [] });
    expect(await run('mutation { wipe }', viewer('1', ['admin']))).toEqual({ data: { wipe: true }, codes: [] });
  });

  it('@policy: decided on the parent object, per field', async () => {
    expect(await run('{ account(id: "1") { id secret } }', viewer('1'))).toEqual({ data: { account: { id: '1', secret: 's1' } }, codes: [] });
    expect(await run('{ account(id: "1") { id secret } }', viewer('2', ['admin']))).toEqual({ data: { account: { id: '1', secret: null } }, codes: ['FORBIDDEN'] });
    expect(await run('{ account(id: "1") { id secret } }', null)).toEqual({ data: { account: { id: '1', secret: null } }, codes: ['UNAUTHENTICATED'] });
  });

  it('applies a directive on an object type to each of its fields', async () => {
    expect(await run('{ vault { gold } }', null)).toEqual({ data: { vault: { gold: null } }, codes: ['UNAUTHENTICATED'] });
    expect(await run('{ vault { gold } }', viewer('1'))).toEqual({ data: { vault: { gold: 5 } }, codes: [] });
  });

  it('refuses to start when the schema names a policy nobody implements', () => {
    expect(() => enforceAuthorization(buildSubgraphSchema({ typeDefs: parse(sdl) }), {})).toThrow('Account.secret names @policy "owner"');
  });
});
