import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseDefaultHeaders } from '../../gateway/src/ide/default-headers.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { IDE_TOKEN_TTL_SECONDS, ideDefaultHeaders } from './ide-headers.ts';

describe("npm start's IDE headers", () => {
  it('carry a development token for user 1, valid for a day, and say how to get another', async () => {
    const issuer = await createDevIssuer();
    const text = await ideDefaultHeaders(issuer);
    const { authorization } = parseDefaultHeaders(text);
    const { payload } = await jwtVerify(authorization!.replace(/^Bearer /, ''), createLocalJWKSet(issuer.jwks), { issuer: issuer.issuer, audience: issuer.audience });
    expect(payload.sub).toBe('1');
    expect(payload.exp! - payload.iat!).toBe(IDE_TOKEN_TTL_SECONDS);
    expect(text).toMatch(/^\/\/ Signed in as user 1/);
    expect(text).toContain('npm run -s token -- --user 2 --scope admin');
  });
});
