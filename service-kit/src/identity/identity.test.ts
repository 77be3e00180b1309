import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../test-support/logger.ts';
import { HttpError } from '../http/http-body.ts';
import { IDENTITY_HEADER, signIdentity, verifyIdentity, type Identity } from './signed-identity.ts';
import { identityVerifier } from './identity-verifier.ts';

const secret = 'a-test-secret-of-at-least-32-characters';
const now = 1_700_000_000;
const ada: Identity = { userId: '1', scopes: ['admin'], expiresAt: now + 60 };

/** Replaces one dot-separated part of a signed header. */
const withPart = (header: string, index: number, value: string) =>
  header.split('.').map((part, i) => (i === index ? value : part)).join('.');

describe('signIdentity / verifyIdentity', () => {
  it('round-trips an identity', () => {
    expect(verifyIdentity(signIdentity(ada, secret), secret, now)).toEqual(ada);
  });

  it('refuses a header signed with another secret', () => {
    expect(() => verifyIdentity(signIdentity(ada, `${secret}-other`), secret, now)).toThrow('bad identity signature');
  });

  it('refuses a payload changed after signing: another user, more scopes, a later expiry', () => {
    const header = signIdentity(ada, secret);
    for (const forged of [
      { sub: '2', scp: ['admin'], exp: ada.expiresAt },
      { sub: '1', scp: ['admin', 'root'], exp: ada.expiresAt },
      { sub: '1', scp: ['admin'], exp: ada.expiresAt + 3_600 },
    ]) {
      const payload = Buffer.from(JSON.stringify(forged)).toString('base64url');
      expect(() => verifyIdentity(withPart(header, 1, payload), secret, now)).toThrow('bad identity signature');
    }
  });

  it('refuses an expired identity, even one correctly signed', () => {
    expect(() => verifyIdentity(signIdentity(ada, secret), secret, ada.expiresAt)).toThrow('expired identity');
  });

  it.each([
    ['', 'malformed identity header'],
    ['1', 'malformed identity header'],
    ['v2.e30.AAAA', 'malformed identity header'],
    ['v1.e30', 'malformed identity header'],
    ['v1.a.b.c', 'malformed identity header'],
    ['v1.e30.', 'malformed identity header'],
    ['v1.e30.AAAA', 'bad identity signature'],
  ])('refuses the malformed header %j', (header, message) => {
    expect(() => verifyIdentity(header, secret, now)).toThrow(message);
  });

  it('refuses a well-signed payload that is not an identity', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 1, scp: 'admin', exp: now + 60 })).toString('base64url');
    const header = withPart(signIdentity(ada, secret), 1, payload);
    // Signed as signIdentity signs, so only the payload's shape is wrong.
    const resigned = withPart(header, 2, createHmac('sha256', secret).update(`v1.${payload}`).digest('base64url'));
    expect(() => verifyIdentity(resigned, secret, now)).toThrow('malformed identity payload');
  });
});

const request = (headers: Record<string, string | readonly string[]>) =>
  ({ headers, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;

describe('identityVerifier (a subgraph\'s authenticate hook)', () => {
  const verify = identityVerifier(secret, silentLogger);
  const fresh: Identity = { userId: '7', scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 60 };

  it('serves a request without the header as anonymous, one with a good header as its user', async () => {
    expect(await verify(request({}))).toBeNull();
    expect(await verify(request({ [IDENTITY_HEADER]: signIdentity(fresh, secret) }))).toEqual(fresh);
  });

  it('answers 401 to a forged, expired or repeated header, and to any header without a secret', async () => {
    const expired = signIdentity({ ...fresh, expiresAt: Math.floor(Date.now() / 1000) - 1 }, secret);
    for (const [hook, headers] of [
      [verify, { [IDENTITY_HEADER]: signIdentity(fresh, `${secret}-forged`) }],
      [verify, { [IDENTITY_HEADER]: expired }],
      [verify, { [IDENTITY_HEADER]: 'x-tributary-user-id: 1' }],
      [verify, { [IDENTITY_HEADER]: [signIdentity(fresh, secret), signIdentity(fresh, secret)] }],
      [identityVerifier(undefined, silentLogger), { [IDENTITY_HEADER]: signIdentity(fresh, secret) }],
    ] as const) {
      const error = await hook(request(headers)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });
});
