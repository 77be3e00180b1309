import { describe, expect, it } from 'vitest';
import composeSiteConfig from '../../../compose/site-config.json';
import { defaultConfig, loadRuntimeConfig, parseRuntimeConfig } from './runtime-config.ts';

/** What infra/lib/web/storefront-users.ts writes for Cognito's hosted UI. */
const cognito = {
  kind: 'oauth2-pkce',
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool',
  authorizationEndpoint: 'https://shop.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
  tokenEndpoint: 'https://shop.auth.eu-west-1.amazoncognito.com/oauth2/token',
  logoutEndpoint: 'https://shop.auth.eu-west-1.amazoncognito.com/logout',
  clientId: 'abc123',
  scopes: ['openid', 'email', 'profile'],
  redirectPath: '/auth/callback',
  logoutPath: '/',
  bearerToken: 'access_token',
};

describe('runtime config (/config.json)', () => {
  it('reads what the deployment writes, and fills the defaults', () => {
    expect(parseRuntimeConfig({ graphqlPath: '/graphql', auth: cognito })).toEqual({ graphqlPath: '/graphql', auth: cognito });
    expect(parseRuntimeConfig({})).toEqual(defaultConfig);
    expect(parseRuntimeConfig({ graphqlPath: '/graphql', auth: null })).toEqual(defaultConfig);
    const { redirectPath, logoutPath, scopes, bearerToken, logoutEndpoint, ...required } = cognito;
    expect(parseRuntimeConfig({ auth: required }).auth).toEqual({ ...required, logoutEndpoint: undefined, scopes: ['openid', 'email'], redirectPath: '/auth/callback', logoutPath: '/', bearerToken: 'access_token' });
  });

  it('lists every problem at once', () => {
    expect(() => parseRuntimeConfig({ graphqlPath: '', auth: { kind: 'saml', tokenEndpoint: 3, bearerToken: 'refresh_token', redirectPath: 'cb' } })).toThrow(
      'config.json: graphqlPath must be a non-empty string; auth.kind must be "oauth2-pkce"; auth.bearerToken must be "access_token" or "id_token"; auth.issuer must be a non-empty string; auth.authorizationEndpoint must be a non-empty string; auth.tokenEndpoint must be a non-empty string; auth.clientId must be a non-empty string; auth.redirectPath must start with /',
    );
    expect(() => parseRuntimeConfig({ auth: { ...cognito, scopes: 'openid' } })).toThrow('auth.scopes must be a list of scope names');
    expect(() => parseRuntimeConfig([1])).toThrow('config.json must hold a JSON object');
    expect(() => parseRuntimeConfig('x')).toThrow('config.json must hold a JSON object');
  });

  it("reads docker compose's, which offers no sign-in", () => {
    expect(parseRuntimeConfig(composeSiteConfig)).toEqual(defaultConfig);
  });

  it('runs without one (no sign-in), and says when it cannot be read', async () => {
    const answer = (status: number, body = '{}') => (async () => new Response(body, { status })) as typeof fetch;
    expect(await loadRuntimeConfig(answer(404))).toEqual(defaultConfig);
    await expect(loadRuntimeConfig(answer(500))).rejects.toThrow('config.json could not be loaded (HTTP 500)');
    expect((await loadRuntimeConfig(answer(200, JSON.stringify({ auth: cognito })))).auth?.clientId).toBe('abc123');
  });
});
