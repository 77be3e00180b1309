/**
 * Settings the SPA reads at run time from `/config.json` beside `index.html`, so one build runs
 * everywhere: `npm start` serves its development sign-in there, and on AWS the deployment writes
 * the Cognito hosted UI's endpoints.
 */
export interface RuntimeConfig {
  /**
   * Where GraphQL is served; same origin as the site (CloudFront routes `/graphql*` to the gateway).
   * @default "/graphql"
   */
  graphqlUrl: string;
  /** OAuth 2.0 authorization code + PKCE sign-in; absent: sign-in is not offered. */
  auth: AuthConfig | undefined;
}

export interface AuthConfig {
  /** The authorization endpoint, e.g. `https://<domain>.auth.<region>.amazoncognito.com/oauth2/authorize`. */
  authorizeUrl: string;
  /** The token endpoint, e.g. `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`. */
  tokenUrl: string;
  /** Where sign-out ends the hosted session (Cognito's `/logout`); absent: sign-out is local only. */
  logoutUrl: string | undefined;
  /** The app client id (a public client: no secret). */
  clientId: string;
  /**
   * Scopes asked for, space-separated.
   * @default "openid email"
   */
  scope: string;
  /**
   * Which token the gateway gets as `Authorization: Bearer`. The gateway accepts either: ID
   * tokens carry the app client as `aud`, access tokens as `client_id`.
   * @default "access_token"
   */
  apiToken: 'access_token' | 'id_token';
}

export const defaultConfig: RuntimeConfig = { graphqlUrl: '/graphql', auth: undefined };

const text = (value: unknown, name: string, problems: string[]): string => {
  if (typeof value === 'string' && value.trim()) return value;
  problems.push(`${name} must be a non-empty string`);
  return '';
};

/** Checks what `/config.json` holds; every problem is listed at once. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('config.json must hold a JSON object');
  const raw = value as Record<string, unknown>;
  const problems: string[] = [];
  const graphqlUrl = raw.graphqlUrl === undefined ? defaultConfig.graphqlUrl : text(raw.graphqlUrl, 'graphqlUrl', problems);
  let auth: AuthConfig | undefined;
  if (raw.auth !== undefined && raw.auth !== null) {
    const a = raw.auth as Record<string, unknown>;
    const apiToken = a.apiToken ?? 'access_token';
    if (apiToken !== 'access_token' && apiToken !== 'id_token') problems.push('auth.apiToken must be "access_token" or "id_token"');
    auth = {
      authorizeUrl: text(a.authorizeUrl, 'auth.authorizeUrl', problems),
      tokenUrl: text(a.tokenUrl, 'auth.tokenUrl', problems),
      logoutUrl: a.logoutUrl === undefined ? undefined : text(a.logoutUrl, 'auth.logoutUrl', problems),
      clientId: text(a.clientId, 'auth.clientId', problems),
      scope: a.scope === undefined ? 'openid email' : text(a.scope, 'auth.scope', problems),
      apiToken: apiToken as AuthConfig['apiToken'],
    };
  }
  if (problems.length) throw new Error(`config.json: ${problems.join('; ')}`);
  return { graphqlUrl, auth };
}

/** Fetches `/config.json`; a site deployed without one gets the defaults (no sign-in). */
export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-cache', headers: { accept: 'application/json' } });
  if (response.status === 404) return defaultConfig;
  if (!response.ok) throw new Error(`config.json could not be loaded (HTTP ${response.status})`);
  return parseRuntimeConfig(await response.json());
}
