import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEV_ISSUER, type DevIssuer } from '../dev-issuer.ts';
import { refusalPage, signInPage, type AuthorizationParams } from './sign-in-page.ts';

/** The app client id the SPA is configured with locally (a public client: no secret). */
export const DEV_CLIENT_ID = 'tributary-storefront';
const CODE_TTL_MS = 60_000;
const TOKEN_TTL_SECONDS = 3_600;
const MAX_FORM_BYTES = 8 * 1024;
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** What the SPA's `/config.json` says about sign-in, in the shape the deployment writes for Cognito. */
export const devSignInConfig = {
  kind: 'oauth2-pkce',
  issuer: DEV_ISSUER,
  authorizationEndpoint: '/oauth2/authorize',
  tokenEndpoint: '/oauth2/token',
  logoutEndpoint: '/logout',
  clientId: DEV_CLIENT_ID,
  scopes: ['openid', 'email'],
  redirectPath: '/auth/callback',
  logoutPath: '/',
  bearerToken: 'access_token',
} as const;

interface Grant {
  redirectUri: string;
  challenge: string;
  user: string;
  scopes: string[];
  expiresAt: number;
}

// Only this machine's pages may receive codes: nothing else could be the SPA in development.
function loopbackUrl(value: string | undefined): URL | undefined {
  try {
    const url = new URL(value ?? '');
    return /^https?:$/.test(url.protocol) && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

function authorizationProblem(params: URLSearchParams): string | undefined {
  if (params.get('response_type') !== 'code') return 'response_type must be code (the authorization code flow)';
  if (params.get('client_id') !== DEV_CLIENT_ID) return `client_id must be ${DEV_CLIENT_ID}`;
  if (!loopbackUrl(params.get('redirect_uri') ?? undefined)) return 'redirect_uri must be a page on this machine (localhost)';
  if (params.get('code_challenge_method') !== 'S256' || !CHALLENGE.test(params.get('code_challenge') ?? '')) return 'PKCE is required: code_challenge (S256)';
  if ((params.get('state') ?? '').length > 512 || (params.get('scope') ?? '').length > 512) return 'state and scope are limited to 512 characters';
  return undefined;
}

const pick = (params: URLSearchParams): AuthorizationParams => ({
  response_type: params.get('response_type') ?? '',
  client_id: params.get('client_id') ?? '',
  redirect_uri: params.get('redirect_uri') ?? '',
  state: params.get('state') ?? '',
  scope: params.get('scope') ?? '',
  code_challenge: params.get('code_challenge') ?? '',
  code_challenge_method: params.get('code_challenge_method') ?? '',
});

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) return undefined;
  }
  return new URLSearchParams(body);
}

const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers }).end(body);
const html = (res: ServerResponse, status: number, body: string) => send(res, status, 'text/html; charset=utf-8', body);
const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
const redirect = (res: ServerResponse, location: string) => res.writeHead(302, { location, 'cache-control': 'no-store' }).end();

export interface DevSignIn {
  /** Answers `/oauth2/authorize`, `/oauth2/token` and `/logout`; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

/**
 * The OAuth 2.0 authorization code flow with PKCE, as Cognito's hosted UI serves it, signing with
 * the development issuer: the SPA has one sign-in code path, locally and on AWS. Codes are
 * single-use and live a minute; tokens an hour (no refresh tokens: sign in again).
 */
export function devSignIn(issuer: DevIssuer, now: () => number = Date.now): DevSignIn {
  const grants = new Map<string, Grant>();

  const authorize = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method === 'GET') {
      const problem = authorizationProblem(url.searchParams);
      return problem ? html(res, 400, refusalPage(problem)) : html(res, 200, signInPage(pick(url.searchParams)));
    }
    const form = await readForm(req);
    const problem = form ? authorizationProblem(form) : 'The form is too large';
    if (!form || problem) return html(res, 400, refusalPage(problem!));
    const user = (form.get('user') ?? '').trim();
    if (!USER_ID.test(user)) return html(res, 400, signInPage(pick(form), { user, message: 'A user id is 1 to 64 letters, digits, - or _' }));
    for (const [code, grant] of grants) if (grant.expiresAt <= now()) grants.delete(code);
    const code = randomBytes(24).toString('base64url');
    grants.set(code, {
      redirectUri: form.get('redirect_uri')!,
      challenge: form.get('code_challenge')!,
      user,
      scopes: form.get('admin') ? ['admin'] : [],
      expiresAt: now() + CODE_TTL_MS,
    });
    const back = loopbackUrl(form.get('redirect_uri')!)!;
    back.searchParams.set('code', code);
    if (form.get('state')) back.searchParams.set('state', form.get('state')!);
    redirect(res, back.href);
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const form = await readForm(req);
    if (!form) return json(res, 400, { error: 'invalid_request' });
    if (form.get('grant_type') !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== DEV_CLIENT_ID) return json(res, 400, { error: 'invalid_client' });
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const proof = createHash('sha256').update(verifier).digest('base64url');
    if (!grant || grant.expiresAt <= now() || grant.redirectUri !== form.get('redirect_uri') || proof !== grant.challenge) {
      return json(res, 400, { error: 'invalid_grant' });
    }
    const jwt = await issuer.token({ user: grant.user, scopes: grant.scopes, ttlSeconds: TOKEN_TTL_SECONDS });
    json(res, 200, { access_token: jwt, id_token: jwt, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS });
  };

  return {
    async handle(req, res, url) {
      const post = req.method === 'POST';
      if (url.pathname === '/oauth2/authorize' && (post || req.method === 'GET')) await authorize(req, res, url);
      else if (url.pathname === '/oauth2/token' && post) await token(req, res);
      else if (url.pathname === '/logout' && req.method === 'GET') {
        // No session is kept here: signing out ends at the page the SPA names.
        const back = loopbackUrl(url.searchParams.get('logout_uri') ?? undefined);
        if (back) redirect(res, back.href);
        else html(res, 400, refusalPage('logout_uri must be a page on this machine (localhost)'));
      } else return false;
      return true;
    },
  };
}
