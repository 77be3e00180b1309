import type { AuthConfig } from '../config/runtime-config.ts';
import { codeChallenge, randomToken } from './pkce.ts';

/** A signed-in browser tab: the bearer token the gateway gets, until it expires. */
export interface Session {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

interface PendingSignIn {
  state: string;
  verifier: string;
  redirectUri: string;
  returnTo: string;
}

// Session storage: a token lives as long as the tab, and no other site's script can read it.
const SESSION_KEY = 'tributary.session';
const PENDING_KEY = 'tributary.sign-in';
// A token this close to expiry is not worth sending.
const EXPIRY_MARGIN_MS = 30_000;

/** Only paths of this site: a crafted `returnTo` must not send the user elsewhere. */
const samePath = (path: string, callback: string) => (path.startsWith('/') && !path.startsWith('//') && !path.startsWith(callback) ? path : '/');

export function readSession(storage: Storage, now = Date.now()): Session | undefined {
  try {
    const session = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    if (session && typeof session.token === 'string' && session.expiresAt - EXPIRY_MARGIN_MS > now) return session;
  } catch {
    // A damaged entry is a signed-out tab.
  }
  storage.removeItem(SESSION_KEY);
  return undefined;
}

export const clearSession = (storage: Storage) => storage.removeItem(SESSION_KEY);

/** Starts the authorization code flow with PKCE: the URL to send the browser to. */
export async function authorizationUrl(config: AuthConfig, origin: string, returnTo: string, storage: Storage): Promise<string> {
  const pending: PendingSignIn = {
    state: randomToken(16),
    verifier: randomToken(32),
    redirectUri: `${origin}${config.redirectPath}`,
    returnTo: samePath(returnTo, config.redirectPath),
  };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: pending.redirectUri,
    scope: config.scopes.join(' '),
    state: pending.state,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  });
  return `${config.authorizationEndpoint}?${params}`;
}

/** An OAuth error the authorization or token endpoint answered, in words for the page. */
export class SignInError extends Error {}

/**
 * Completes sign-in on the callback page: checks the state against the one this tab sent,
 * redeems the code with the PKCE verifier, and keeps the session.
 */
export async function redeemCode(config: AuthConfig, search: string, storage: Storage, fetchImpl: typeof fetch = fetch, now = Date.now()): Promise<string> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(storage.getItem(PENDING_KEY) ?? 'null') as PendingSignIn | null;
  storage.removeItem(PENDING_KEY);
  const error = params.get('error');
  if (error) throw new SignInError(`Sign-in failed: ${params.get('error_description') ?? error}`);
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) {
    throw new SignInError('This sign-in link is not from this tab, or was used already. Please sign in again.');
  }
  const response = await fetchImpl(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: pending.redirectUri, code_verifier: pending.verifier }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const token = body[config.bearerToken];
  if (!response.ok || typeof token !== 'string') {
    throw new SignInError(`Sign-in failed: ${typeof body.error === 'string' ? body.error : `HTTP ${response.status}`}`);
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3_600;
  const session: Session = { token, expiresAt: now + expiresIn * 1_000 };
  storage.setItem(SESSION_KEY, JSON.stringify(session));
  return pending.returnTo;
}

/** Where to send the browser to end the hosted session too, if the issuer has one. */
export function logoutUrl(config: AuthConfig, origin: string): string | undefined {
  if (!config.logoutEndpoint) return undefined;
  return `${config.logoutEndpoint}?${new URLSearchParams({ client_id: config.clientId, logout_uri: `${origin}${config.logoutPath}` })}`;
}
