/**
 * The SPA's runtime settings, `config.json` beside `index.html`: what differs between
 * deployments (the sign-in provider) stays out of the built bundle, so one build serves every
 * environment. Paths are relative to the page's own origin, so the same file works on the
 * CloudFront domain and on localhost.
 */
export interface SiteConfig {
  /** Where GraphQL requests go (same origin). */
  readonly graphqlPath: string;
  /** OAuth 2.0 authorization code with PKCE (S256) against the hosted sign-in; null: no sign-in. */
  readonly auth: SiteAuthConfig | null;
}

export interface SiteAuthConfig {
  readonly kind: 'oauth2-pkce';
  /** The token issuer (`iss`), e.g. `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** Cognito's logout: `?client_id=<clientId>&logout_uri=<origin + logoutPath>`. */
  readonly logoutEndpoint: string;
  /** Public client: no secret. */
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** `redirect_uri` is the page's origin followed by this. */
  readonly redirectPath: string;
  readonly logoutPath: string;
  /** The token to send as `Authorization: Bearer`: the access token carries the user id claim. */
  readonly bearerToken: 'access_token';
}
