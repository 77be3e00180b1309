/**
 * Settings the SPA reads at run time from `/config.json` beside `index.html`, so one build runs
 * everywhere: `npm start` serves its development sign-in there, and on AWS the deployment writes
 * the Cognito hosted UI's endpoints (infra/lib/web/site-config.ts writes this same shape).
 */
export interface RuntimeConfig {
  /**
   * Where GraphQL is served; same origin as the site (CloudFront routes `/graphql*` to the gateway).
   * @default "/graphql"
   */
  graphqlPath: string;
  /** OAuth 2.0 authorization code + PKCE sign-in; absent or null: sign-in is not offered. */
  auth: AuthConfig | undefined;
}

export interface AuthConfig {
  kind: 'oauth2-pkce';
  /** The tokens' issuer (`iss`); for reference, the gateway checks it. */
  issuer: string;
  /** e.g. `https://<domain>.auth.<region>.amazoncognito.com/oauth2/authorize` */
  authorizationEndpoint: string;
  /** e.g. `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token` */
  tokenEndpoint: string;
  /** Where sign-out ends the hosted session (Cognito's `/logout`); absent: sign-out is local only. */
  logoutEndpoint: string | undefined;
  /** The app client id (a public client: no secret). */
  clientId: string;
  /** @default ["openid", "email"] */
  scopes: string[];
  /**
   * `redirect_uri` is the page's origin followed by this; the SPA completes sign-in there.
   * @default "/auth/callback"
   */
  redirectPath: string;
  /**
   * Where the hosted sign-out sends the browser back (`logout_uri`, after the origin).
   * @default "/"
   */
  logoutPath: string;
  /**
   * Which token the gateway gets as `Authorization: Bearer`. The gateway accepts either: ID
   * tokens carry the app client as `aud`, access tokens as `client_id`.
   * @default "access_token"
   */
  bearerToken: 'access_token' | 'id_token';
}

export const defaultConfig: RuntimeConfig = { graphqlPath: '/graphql', auth: undefined };

type Problems = string[];

const text = (value: unknown, name: string, problems: Problems): string => {
  if (typeof value === 'string' && value.trim()) return value;
  problems.push(`${name} must be a non-empty string`);
  return '';
};

const path = (value: unknown, fallback: string, name: string, problems: Problems): string => {
  if (value === undefined) return fallback;
  const given = text(value, name, problems);
  if (given && !given.startsWith('/')) problems.push(`${name} must start with /`);
  return given;
};

function parseAuth(a: Record<string, unknown>, problems: Problems): AuthConfig {
  if (a.kind !== 'oauth2-pkce') problems.push('auth.kind must be "oauth2-pkce"');
  const bearerToken = a.bearerToken ?? 'access_token';
  if (bearerToken !== 'access_token' && bearerToken !== 'id_token') problems.push('auth.bearerToken must be "access_token" or "id_token"');
  const scopes = a.scopes ?? ['openid', 'email'];
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && s)) problems.push('auth.scopes must be a list of scope names');
  return {
    kind: 'oauth2-pkce',
    issuer: text(a.issuer, 'auth.issuer', problems),
    authorizationEndpoint: text(a.authorizationEndpoint, 'auth.authorizationEndpoint', problems),
    tokenEndpoint: text(a.tokenEndpoint, 'auth.tokenEndpoint', problems),
    logoutEndpoint: a.logoutEndpoint === undefined ? undefined : text(a.logoutEndpoint, 'auth.logoutEndpoint', problems),
    clientId: text(a.clientId, 'auth.clientId', problems),
    scopes: scopes as string[],
    redirectPath: path(a.redirectPath, '/auth/callback', 'auth.redirectPath', problems),
    logoutPath: path(a.logoutPath, '/', 'auth.logoutPath', problems),
    bearerToken: bearerToken as AuthConfig['bearerToken'],
  };
}

/** Checks what `/config.json` holds; every problem is listed at once. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('config.json must hold a JSON object');
  const raw = value as Record<string, unknown>;
  const problems: Problems = [];
  const graphqlPath = raw.graphqlPath === undefined ? defaultConfig.graphqlPath : text(raw.graphqlPath, 'graphqlPath', problems);
  const auth = raw.auth === undefined || raw.auth === null ? undefined : parseAuth(raw.auth as Record<string, unknown>, problems);
  if (problems.length) throw new Error(`config.json: ${problems.join('; ')}`);
  return { graphqlPath, auth };
}

/** Fetches `/config.json`; a site deployed without one gets the defaults (no sign-in). */
export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-cache', headers: { accept: 'application/json' } });
  if (response.status === 404) return defaultConfig;
  if (!response.ok) throw new Error(`config.json could not be loaded (HTTP ${response.status})`);
  return parseRuntimeConfig(await response.json());
}
