import type { IncomingMessage } from 'node:http';
import { HttpError, MAX_IDENTITY_SECONDS } from '@tributary/service-kit';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveJwks, type JwksServer } from '../../../stack/src/dev-jwks-server.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { jwtAuthenticator, type AuthenticationOptions } from './auth.ts';

interface TestKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function makeKey(kid: string, alg = 'ES256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

let published: TestKey[] = [];
let jwks: JwksServer;
let keyA: TestKey;
let keyB: TestKey;
let unpublished: TestKey;
let rsa: TestKey;

beforeAll(async () => {
  [keyA, keyB, unpublished, rsa] = await Promise.all([makeKey('a'), makeKey('b'), makeKey('c'), makeKey('r', 'RS384')]);
  jwks = await serveJwks(() => ({ keys: published.map((k) => k.jwk) }));
});
afterAll(() => jwks?.stop());

const options = (extra: Partial<AuthenticationOptions> = {}): AuthenticationOptions => ({
  jwksUrl: jwks.url,
  issuer: 'https://issuer.test',
  audience: 'tributary',
  jwksCooldownMs: 0,
  ...extra,
});

const now = () => Math.floor(Date.now() / 1000);

function token(key: TestKey, claims: JWTPayload = {}, { expiresIn = 600, audience = 'tributary' as string | null, issuer = 'https://issuer.test' } = {}) {
  const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: key.alg, kid: key.kid }).setSubject('42').setIssuer(issuer).setIssuedAt();
  if (audience) jwt.setAudience(audience);
  return jwt.setExpirationTime(now() + expiresIn).sign(key.privateKey);
}

const request = (authorization?: string) =>
  ({ headers: authorization === undefined ? {} : { authorization } }) as unknown as IncomingMessage;

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
};

describe('jwtAuthenticator', () => {
  it('leaves a request without Authorization anonymous, without fetching keys', async () => {
    published = [keyA];
    const before = jwks.fetches();
    expect(await jwtAuthenticator(options(), silentLogger)(request())).toBeNull();
    expect(jwks.fetches()).toBe(before);
  });

  it('verifies a token: user id, scopes from `scope` and Cognito groups, expiry capped', async () => {
    published = [keyA];
    const authenticate = jwtAuthenticator(options(), silentLogger);
    const identity = await authenticate(request(`Bearer ${await token(keyA, { scope: 'admin reviews:write', 'cognito:groups': ['staff'] }, { expiresIn: 3_600 })}`));
    expect(identity).toMatchObject({ userId: '42', scopes: ['admin', 'reviews:write', 'staff'] });
    expect(identity!.expiresAt).toBeLessThanOrEqual(now() + MAX_IDENTITY_SECONDS);
    const shortLived = await authenticate(request(`Bearer ${await token(keyA, {}, { expiresIn: 30 })}`));
    expect(shortLived!.expiresAt).toBeLessThanOrEqual(now() + 30);
    expect(shortLived!.scopes).toEqual([]);
  });

  it('accepts a Cognito access token: no aud, the audience as client_id; and a configured user id claim', async () => {
    published = [keyA];
    const authenticate = jwtAuthenticator(options({ userIdClaim: 'custom:user_id' }), silentLogger);
    const access = await token(keyA, { client_id: 'tributary', token_use: 'access', 'custom:user_id': '7' }, { audience: null });
    expect(await authenticate(request(`Bearer ${access}`))).toMatchObject({ userId: '7' });
    const other = await token(keyA, { client_id: 'another-app', 'custom:user_id': '7' }, { audience: null });
    expect(await failure(authenticate(request(`Bearer ${other}`)))).toMatchObject({ status: 401, message: 'The token is not for this API' });
    expect(await failure(authenticate(request(`Bearer ${await token(keyA)}`)))).toMatchObject({ status: 401, message: 'The token has no custom:user_id claim' });
  });

  it.each([
    ['expired', () => token(keyA, {}, { expiresIn: -10 }), 'The token has expired'],
    ['from another issuer', () => token(keyA, {}, { issuer: 'https://elsewhere.test' }), 'The token is not for this API'],
    ['for another audience', () => token(keyA, {}, { audience: 'someone-else' }), 'The token is not for this API'],
    ['signed with an algorithm not allowed', () => token(rsa), 'The token is not valid'],
    ['signed by a key the issuer does not publish', () => token(unpublished), 'The token is not valid'],
    ['tampered with', async () => `${(await token(keyA)).slice(0, -4)}AAAA`, 'The token is not valid'],
    ['not a JWT', async () => 'not-a-token', 'The token is not valid'],
  ])('answers 401 UNAUTHENTICATED to a token %s', async (_, make, message) => {
    published = [keyA, rsa];
    const error = await failure(jwtAuthenticator(options(), silentLogger)(request(`Bearer ${await make()}`)));
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message });
    expect(error.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });

  it('accepts RS384 only when configured to', async () => {
    published = [rsa];
    expect(await jwtAuthenticator(options({ algorithms: ['RS384'] }), silentLogger)(request(`Bearer ${await token(rsa)}`))).toMatchObject({ userId: '42' });
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'bearer'])('answers 401 to the Authorization header %j', async (header) => {
    expect(await failure(jwtAuthenticator(options(), silentLogger)(request(header)))).toMatchObject({ status: 401, message: 'The Authorization header must be "Bearer <token>"' });
  });

  it('fetches the key set again for an unknown kid, so a rotated key works at once', async () => {
    published = [keyA];
    const authenticate = jwtAuthenticator(options(), silentLogger);
    const start = jwks.fetches();
    await authenticate(request(`Bearer ${await token(keyA)}`));
    await authenticate(request(`Bearer ${await token(keyA)}`));
    expect(jwks.fetches() - start).toBe(1);
    published = [keyA, keyB];
    expect(await authenticate(request(`Bearer ${await token(keyB)}`))).toMatchObject({ userId: '42' });
    expect(jwks.fetches() - start).toBe(2);
  });

  it('fetches no more than once per cooldown, whatever kids tokens name', async () => {
    published = [keyA];
    const authenticate = jwtAuthenticator(options({ jwksCooldownMs: 60_000 }), silentLogger);
    const start = jwks.fetches();
    await authenticate(request(`Bearer ${await token(keyA)}`));
    for (let i = 0; i < 3; i += 1) await failure(authenticate(request(`Bearer ${await token(unpublished)}`)));
    expect(jwks.fetches() - start).toBe(1);
  });

  it('answers 503, not 401, when the key set cannot be fetched', async () => {
    const authenticate = jwtAuthenticator(options({ jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json' }), silentLogger);
    expect(await failure(authenticate(request(`Bearer ${await token(keyA)}`)))).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    const notFound = jwtAuthenticator(options({ jwksUrl: jwks.url.replace('jwks.json', 'nothing.json') }), silentLogger);
    expect(await failure(notFound(request(`Bearer ${await token(keyA)}`)))).toMatchObject({ status: 503 });
  });
});
