import { describe, expect, it } from 'vitest';
import { defaultConfig, loadRuntimeConfig, parseRuntimeConfig } from './runtime-config.ts';

const cognito = {
  authorizeUrl: 'https://shop.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
  tokenUrl: 'https://shop.auth.eu-west-1.amazoncognito.com/oauth2/token',
  clientId: 'abc123',
};

describe('runtime config (/config.json)', () => {
  it('fills the defaults', () => {
    expect(parseRuntimeConfig({})).toEqual(defaultConfig);
    expect(parseRuntimeConfig({ auth: cognito }).auth).toEqual({ ...cognito, logoutUrl: undefined, scope: 'openid email', apiToken: 'access_token' });
  });

  it('lists every problem at once', () => {
    expect(() => parseRuntimeConfig({ graphqlUrl: '', auth: { tokenUrl: 3, apiToken: 'refresh_token' } })).toThrow(
      'config.json: graphqlUrl must be a non-empty string; auth.apiToken must be "access_token" or "id_token"; auth.authorizeUrl must be a non-empty string; auth.tokenUrl must be a non-empty string; auth.clientId must be a non-empty string',
    );
    expect(() => parseRuntimeConfig([1])).toThrow('config.json must hold a JSON object');
    expect(() => parseRuntimeConfig('x')).toThrow('config.json must hold a JSON object');
  });

  it('runs without one (no sign-in), and says when it cannot be read', async () => {
    const answer = (status: number, body = '{}') => (async () => new Response(body, { status })) as typeof fetch;
    expect(await loadRuntimeConfig(answer(404))).toEqual(defaultConfig);
    await expect(loadRuntimeConfig(answer(500))).rejects.toThrow('config.json could not be loaded (HTTP 500)');
    expect((await loadRuntimeConfig(answer(200, JSON.stringify({ auth: cognito })))).auth?.clientId).toBe('abc123');
  });
});
