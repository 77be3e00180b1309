import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../config/runtime-config.ts';
import { codeChallenge } from './pkce.ts';
import { authorizationUrl, logoutUrl, readSession, redeemCode } from './session.ts';

const config: AuthConfig = {
  kind: 'oauth2-pkce',
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool',
  authorizationEndpoint: 'https://auth.example.com/oauth2/authorize',
  tokenEndpoint: 'https://auth.example.com/oauth2/token',
  logoutEndpoint: 'https://auth.example.com/logout',
  clientId: 'spa',
  scopes: ['openid', 'email'],
  redirectPath: '/auth/callback',
  logoutPath: '/',
  bearerToken: 'access_token',
};
const ORIGIN = 'https://shop.example.com';
const CALLBACK = `${ORIGIN}/auth/callback`;

/** sessionStorage's interface over a Map. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

/** A token endpoint that checks the PKCE proof as Cognito does (the server's own check is in stack/src/site). */
function tokenEndpoint(challenge: string, answer: Record<string, unknown> = { access_token: 'access', id_token: 'id', expires_in: 3600 }) {
  const seen: URLSearchParams[] = [];
  const fetchImpl = (async (_url: string, init?: RequestInit) => {
    const form = new URLSearchParams(String(init?.body));
    seen.push(form);
    const proof = await codeChallenge(form.get('code_verifier') ?? '');
    return proof === challenge ? Response.json(answer) : Response.json({ error: 'invalid_grant' }, { status: 400 });
  }) as typeof fetch;
  return { fetchImpl, seen };
}

async function startSignIn(storage: Storage, returnTo = '/products/1') {
  const url = new URL(await authorizationUrl(config, ORIGIN, returnTo, storage));
  return { url, state: url.searchParams.get('state')!, challenge: url.searchParams.get('code_challenge')! };
}

describe('sign-in: authorization code with PKCE', () => {
  it('sends the browser to the authorization endpoint with an S256 challenge and a state', async () => {
    const { url, state, challenge } = await startSignIn(memoryStorage());
    expect(url.origin + url.pathname).toBe(config.authorizationEndpoint);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'spa',
      redirect_uri: CALLBACK,
      scope: 'openid email',
      code_challenge_method: 'S256',
    });
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(state).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('redeems the code with the verifier, keeps the session and returns where the user was', async () => {
    const storage = memoryStorage();
    const { state, challenge } = await startSignIn(storage);
    const endpoint = tokenEndpoint(challenge);
    const now = 1_000_000;
    expect(await redeemCode(config, `?code=abc&state=${state}`, storage, endpoint.fetchImpl, now)).toBe('/products/1');
    expect(Object.fromEntries(endpoint.seen[0]!)).toMatchObject({ grant_type: 'authorization_code', client_id: 'spa', code: 'abc', redirect_uri: CALLBACK });
    expect(readSession(storage, now)).toEqual({ token: 'access', expiresAt: now + 3_600_000 });
    expect(readSession(storage, now + 3_600_000), 'expired').toBeUndefined();
  });

  it('sends the ID token instead when configured so', async () => {
    const storage = memoryStorage();
    const { state, challenge } = await startSignIn(storage);
    await redeemCode({ ...config, bearerToken: 'id_token' }, `?code=abc&state=${state}`, storage, tokenEndpoint(challenge).fetchImpl, 0);
    expect(readSession(storage, 0)?.token).toBe('id');
  });

  it('refuses a callback that is not the answer to this tab, an error, or a refused code', async () => {
    const storage = memoryStorage();
    const { state, challenge } = await startSignIn(storage);
    const endpoint = tokenEndpoint(challenge);
    await expect(redeemCode(config, '?code=abc&state=forged', storage, endpoint.fetchImpl)).rejects.toThrow('not from this tab');
    await expect(redeemCode(config, `?code=abc&state=${state}`, storage, endpoint.fetchImpl), 'a state is used once').rejects.toThrow('not from this tab');
    await expect(redeemCode(config, '?error=access_denied&error_description=Nope', storage, endpoint.fetchImpl)).rejects.toThrow('Sign-in failed: Nope');
    const again = await startSignIn(storage);
    await expect(redeemCode(config, `?code=abc&state=${again.state}`, storage, endpoint.fetchImpl)).rejects.toThrow('Sign-in failed: invalid_grant');
    expect(readSession(storage)).toBeUndefined();
  });

  it('comes back only to a path of this site', async () => {
    for (const returnTo of ['https://evil.example.com/', '//evil.example.com/', '/auth/callback?code=x']) {
      const storage = memoryStorage();
      const { state, challenge } = await startSignIn(storage, returnTo);
      expect(await redeemCode(config, `?code=abc&state=${state}`, storage, tokenEndpoint(challenge).fetchImpl)).toBe('/');
    }
  });

  it('ends the hosted session at sign-out when the issuer has one', () => {
    expect(logoutUrl(config, ORIGIN)).toBe(`https://auth.example.com/logout?client_id=spa&logout_uri=${encodeURIComponent(`${ORIGIN}/`)}`);
    expect(logoutUrl({ ...config, logoutPath: '/bye' }, ORIGIN)).toContain(encodeURIComponent(`${ORIGIN}/bye`));
    expect(logoutUrl({ ...config, logoutEndpoint: undefined }, ORIGIN)).toBeUndefined();
  });
});
