import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { ACCOUNTS_ID_ATTRIBUTE, accountsUserFor, linkAccount, USER_ID_CLAIM, type LinkDependencies, type PreTokenGenerationEvent } from './link-account.ts';

const SUB = '8c1f2a3b-4d5e-6f70-8192-a3b4c5d6e7f8';
const event = (attributes: Record<string, string>): PreTokenGenerationEvent => ({
  userPoolId: 'us-east-1_Example',
  userName: SUB,
  request: { userAttributes: { sub: SUB, email_verified: 'true', ...attributes } },
  response: { claimsAndScopeOverrideDetails: null },
});

/** Records what the trigger asks of the accounts service and of Cognito. */
function recorder(id = '1042', fail?: Error) {
  const created: unknown[] = [];
  const saved: unknown[] = [];
  const deps: LinkDependencies = {
    async createAccountsUser(user) {
      created.push(user);
      if (fail) throw fail;
      return id;
    },
    async saveAccountsId(...args) {
      saved.push(args);
    },
  };
  return { deps, created, saved };
}

const claimsOf = (e: PreTokenGenerationEvent) => [
  e.response.claimsAndScopeOverrideDetails?.idTokenGeneration?.claimsToAddOrOverride,
  e.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride,
];

describe('linking Cognito users to accounts users', () => {
  it('creates the accounts user on the first token, keeps its id on the Cognito user, and puts it in both tokens', async () => {
    const { deps, created, saved } = recorder('1042');
    const linked = await linkAccount(event({ email: 'Anna.Lee+shop@example.com', name: 'Anna Lee' }), deps);
    expect(created).toEqual([{ name: 'Anna Lee', username: 'anna.lee_shop.8c1f2a3b', email: 'Anna.Lee+shop@example.com' }]);
    expect(saved).toEqual([['us-east-1_Example', SUB, '1042']]);
    expect(claimsOf(linked)).toEqual([{ [USER_ID_CLAIM]: '1042' }, { [USER_ID_CLAIM]: '1042' }]);
  });

  it('only writes the claim for a user already linked', async () => {
    const { deps, created, saved } = recorder();
    const linked = await linkAccount(event({ email: 'a@example.com', [ACCOUNTS_ID_ATTRIBUTE]: '7' }), deps);
    expect([created, saved]).toEqual([[], []]);
    expect(claimsOf(linked)).toEqual([{ [USER_ID_CLAIM]: '7' }, { [USER_ID_CLAIM]: '7' }]);
  });

  it('keeps the user unlinked and fails the sign-in when the accounts service refuses, so the next sign-in retries', async () => {
    const { deps, saved } = recorder('1', new Error('The accounts service did not create the user: username or email is already taken'));
    await expect(linkAccount(event({ email: 'a@example.com' }), deps)).rejects.toThrow(/already taken/);
    expect(saved).toEqual([]);
  });

  it.each([
    [{ email: 'bob@example.com', preferred_username: 'Bob_99' }, { username: 'bob_99', name: 'bob' }],
    [{ email: 'é@example.com' }, { username: '_.8c1f2a3b', name: 'é' }],
    [{ email: `${'x'.repeat(60)}@example.com`, name: ` ${'N'.repeat(120)} ` }, { username: `${'x'.repeat(20)}.8c1f2a3b`, name: 'N'.repeat(100) }],
    [{ email: 'ab@example.com', preferred_username: 'no spaces allowed' }, { username: 'ab.8c1f2a3b', name: 'ab' }],
  ])('derives an accounts username and name the accounts rules accept from %j', (attributes, expected) => {
    const user = accountsUserFor({ sub: SUB, ...attributes });
    expect(user).toMatchObject(expected);
    expect(user.username).toMatch(/^[a-z0-9_.]{3,32}$/);
  });

  it('refuses a user without an email', () => {
    expect(() => accountsUserFor({ sub: SUB })).toThrow(/no email/);
  });

  it('reads its settings once, reporting what is missing', () => {
    expect(readConfig({ ACCOUNTS_NAMESPACE: 'tributary.internal', ACCOUNTS_SERVICE: 'accounts', ACCOUNTS_PORT: '4001' })).toEqual({
      ACCOUNTS_NAMESPACE: 'tributary.internal',
      ACCOUNTS_SERVICE: 'accounts',
      ACCOUNTS_PORT: 4001,
      ACCOUNTS_TIMEOUT_MS: 2500,
    });
    expect(() => readConfig({})).toThrow(/ACCOUNTS_NAMESPACE.*ACCOUNTS_SERVICE.*ACCOUNTS_PORT/);
  });
});
