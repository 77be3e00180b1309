import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer, type DevIssuer } from '../dev-issuer.ts';
import { DEV_CLIENT_ID, devSignIn } from './dev-sign-in.ts';
import { serveSite, type Site } from './site.ts';

// The storefront's local server over real HTTP: a built site in a temporary folder, a stand-in
// gateway that echoes what reached it, and the development sign-in with a real issuer.

let dir: string;
let issuer: DevIssuer;
let gateway: Server;
let gatewayUrl: string;
let site: Site;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tributary-site-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=30, public', 'x-amzn-trace-id': 'Root=1-abc-def' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body, preflight: req.headers['apollo-require-preflight'], host: req.headers.host }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/graphql`;
  issuer = await createDevIssuer();
  site = await serveSite({ port: 0, distDir: dir, gatewayUrl, signIn: devSignIn(issuer) });
});

afterAll(async () => {
  await site?.stop();
  await new Promise((resolve) => gateway?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const at = (path: string, init?: RequestInit) => fetch(`${site.url}${path}`, { redirect: 'manual', ...init });
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('the storefront server of npm start', () => {
  it('serves the SPA: hashed assets cached a year, index.html revalidated, every route falls back to it', async () => {
    const asset = await at('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/products/123', '/auth/callback?code=x']) {
      const page = await at(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<div id="root">');
    }
    expect((await at('/', { method: 'DELETE' })).status).toBe(405);
  });

  it('tells the SPA where GraphQL and sign-in are', async () => {
    expect(await (await at('/config.json')).json()).toEqual({
      graphqlPath: '/graphql',
      auth: {
        kind: 'oauth2-pkce',
        issuer: issuer.issuer,
        authorizationEndpoint: '/oauth2/authorize',
        tokenEndpoint: '/oauth2/token',
        logoutEndpoint: '/logout',
        clientId: DEV_CLIENT_ID,
        scopes: ['openid', 'email'],
        redirectPath: '/auth/callback',
        logoutPath: '/',
        bearerToken: 'access_token',
      },
    });
  });

  it("passes /graphql to the gateway on the same origin, with the gateway's status and headers", async () => {
    const get = await at('/graphql?extensions=%7B%7D', { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.headers.get('cache-control')).toBe('max-age=30, public');
    expect(get.headers.get('x-amzn-trace-id')).toBe('Root=1-abc-def');
    expect(await get.json()).toMatchObject({ method: 'GET', url: '/graphql?extensions=%7B%7D', preflight: 'true', host: new URL(gatewayUrl).host });
    const post = await at('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { id } }"}' });
    expect(await post.json()).toMatchObject({ method: 'POST', body: '{"query":"{ me { id } }"}' });
  });

  it('answers 502 with a GraphQL error while the gateway is down', async () => {
    const orphan = await serveSite({ port: 0, distDir: dir, gatewayUrl: 'http://127.0.0.1:1/graphql', signIn: devSignIn(issuer) });
    try {
      const response = await fetch(`${orphan.url}/graphql`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ errors: [{ message: 'The gateway is not reachable', extensions: { code: 'BAD_GATEWAY' } }] });
    } finally {
      await orphan.stop();
    }
  });
});

describe('the development sign-in (authorization code + PKCE, as Cognito’s hosted UI)', () => {
  const verifier = 'v'.repeat(50);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://localhost:5173/auth/callback';
  const request = { response_type: 'code', client_id: DEV_CLIENT_ID, redirect_uri: redirectUri, state: 'xyz', scope: 'openid email', code_challenge: challenge, code_challenge_method: 'S256' };

  async function authorize(user: string, extra: Record<string, string> = {}): Promise<URL> {
    const answer = await at('/oauth2/authorize', form({ ...request, user, ...extra }));
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get('location')!);
  }
  const redeem = (code: string, overrides: Record<string, string> = {}) =>
    at('/oauth2/token', form({ grant_type: 'authorization_code', client_id: DEV_CLIENT_ID, code, redirect_uri: redirectUri, code_verifier: verifier, ...overrides }));

  it('shows a labelled form for a valid request, and refuses others on the page, redirecting nowhere', async () => {
    const page = await at(`/oauth2/authorize?${new URLSearchParams(request)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<label for="user">User id</label>');
    expect(html).toContain(`value="${challenge}"`);
    for (const [field, value, message] of [
      ['redirect_uri', 'https://evil.example.com/cb', 'redirect_uri must be a page on this machine'],
      ['client_id', 'someone-else', `client_id must be ${DEV_CLIENT_ID}`],
      ['code_challenge_method', 'plain', 'PKCE is required'],
      ['response_type', 'token', 'response_type must be code'],
    ]) {
      const refused = await at(`/oauth2/authorize?${new URLSearchParams({ ...request, [field!]: value! })}`);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('location')).toBeNull();
      expect(await refused.text()).toContain(message);
    }
    const badUser = await at('/oauth2/authorize', form({ ...request, user: '<script>' }));
    expect(badUser.status).toBe(400);
    expect(await badUser.text()).toContain('value="&#60;script&#62;" autocomplete="username" required aria-invalid="true"');
  });

  it('redeems a code once, with the right verifier, for a token the issuer signed', async () => {
    const back = await authorize('7', { admin: '1' });
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('xyz');
    const code = back.searchParams.get('code')!;
    const answer = await redeem(code);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const tokens = (await answer.json()) as { access_token: string; id_token: string; token_type: string; expires_in: number };
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const { payload } = await jwtVerify(tokens.access_token, createLocalJWKSet(issuer.jwks), { issuer: issuer.issuer, audience: issuer.audience });
    expect(payload).toMatchObject({ sub: '7', scope: 'admin' });
    expect(await (await redeem(code)).json(), 'a code is used once').toEqual({ error: 'invalid_grant' });
  });

  it('refuses a wrong verifier, another redirect_uri, or another grant type', async () => {
    expect(await (await redeem((await authorize('1')).searchParams.get('code')!, { code_verifier: 'w'.repeat(50) })).json()).toEqual({ error: 'invalid_grant' });
    expect(await (await redeem((await authorize('1')).searchParams.get('code')!, { redirect_uri: 'http://localhost:3000/auth/callback' })).json()).toEqual({ error: 'invalid_grant' });
    expect(await (await redeem('x', { grant_type: 'password' })).json()).toEqual({ error: 'unsupported_grant_type' });
    expect(await (await redeem('x', { client_id: 'other' })).json()).toEqual({ error: 'invalid_client' });
  });

  it('signs out back to a page of this machine only', async () => {
    const out = await at(`/logout?client_id=${DEV_CLIENT_ID}&logout_uri=${encodeURIComponent('http://127.0.0.1:3000/')}`);
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('http://127.0.0.1:3000/');
    expect((await at('/logout?logout_uri=https%3A%2F%2Fevil.example.com%2F')).status).toBe(400);
  });
});
