import type { IncomingMessage } from 'node:http';
import { HttpError, MAX_IDENTITY_SECONDS, type Identity, type Logger } from '@tributary/service-kit';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { settings } from '../config.ts';

/** How the gateway verifies bearer tokens, e.g. from Amazon Cognito. */
export interface AuthenticationOptions {
  /**
   * Where the issuer publishes its public keys, e.g.
   * `https://cognito-idp.<region>.amazonaws.com/<user pool id>/.well-known/jwks.json`.
   * CLI: `AUTH_JWKS_URL`.
   */
  jwksUrl: string;
  /** The `iss` every token must carry (for Cognito, the user pool's URL). CLI: `AUTH_ISSUER`. */
  issuer: string;
  /**
   * The `aud` every token must carry; a token without `aud` passes when its `client_id` is this
   * (Cognito's access tokens). CLI: `AUTH_AUDIENCE`.
   */
  audience: string;
  /**
   * Signing algorithms accepted. CLI: `AUTH_ALGORITHMS` (comma-separated).
   * @default ["RS256", "ES256"]
   */
  algorithms?: string[];
  /**
   * The claim holding the user id the subgraphs know (with Cognito, e.g. a custom claim added
   * at token generation). CLI: `AUTH_USER_ID_CLAIM`.
   * @default "sub"
   */
  userIdClaim?: string;
  /**
   * After fetching the key set, wait this long before fetching it again for a token signed with
   * a key it does not hold (a rotated key is picked up on the first token after the cooldown).
   * CLI: `AUTH_JWKS_COOLDOWN_MS`.
   * @default 30000
   */
  jwksCooldownMs?: number;
}

const unauthorized = (message: string) =>
  new HttpError(401, message, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer error="invalid_token"' });

/** The token's scopes: OAuth's space-separated `scope` and Cognito's `cognito:groups`. */
function scopesOf(payload: JWTPayload): string[] {
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  const groups = payload['cognito:groups'];
  return [...new Set([...scope, ...(Array.isArray(groups) ? groups.filter((g) => typeof g === 'string') : [])])];
}

/** The key set could not be had (down, timed out, not a key set): our problem, not the token's. */
const keySetUnavailable = (error: unknown) =>
  !(error instanceof errors.JOSEError) ||
  error instanceof errors.JWKSTimeout ||
  error instanceof errors.JWKSInvalid ||
  // jose's generic error is only thrown for a key set answered with a non-200 or invalid JSON.
  error.code === 'ERR_JOSE_GENERIC';

const audienceMatches = (payload: JWTPayload, audience: string) =>
  payload.aud === undefined ? payload.client_id === audience : [payload.aud].flat().includes(audience);

/**
 * The gateway's `authenticate` hook: no Authorization header is an anonymous request; a bearer
 * token is verified (signature by a key of the JWKS, algorithm, issuer, audience, expiry) or the
 * request is answered 401 before it is planned. Keys are cached and fetched again when a token
 * names an unknown `kid`. When the key set cannot be fetched the answer is 503: the token may
 * well be good, and a 401 would tell the client to throw it away.
 */
export function jwtAuthenticator(options: AuthenticationOptions, logger: Logger) {
  const { jwksCooldownMs, userIdClaim, algorithms } = settings.withDefaults({ authentication: options }).authentication;
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: jwksCooldownMs });

  return async (req: IncomingMessage): Promise<Identity | null> => {
    const header = req.headers.authorization;
    if (header === undefined) return null;
    const token = /^Bearer ([A-Za-z0-9_.~+/-]+=*)$/i.exec(header.trim())?.[1];
    if (!token) throw unauthorized('The Authorization header must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: options.issuer, algorithms, requiredClaims: ['exp'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized('The token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw unauthorized('The token is not for this API');
      if (!keySetUnavailable(error)) {
        logger.debug({ reason: (error as errors.JOSEError).code }, 'rejected a token');
        throw unauthorized('The token is not valid');
      }
      logger.error({ err: error, jwksUrl: options.jwksUrl }, 'cannot fetch the key set to verify tokens');
      throw new HttpError(503, 'Tokens cannot be verified right now; try again shortly', 'SERVICE_UNAVAILABLE', { 'retry-after': '5' });
    }
    if (!audienceMatches(payload, options.audience)) throw unauthorized('The token is not for this API');
    const userId = payload[userIdClaim];
    if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId) === '') {
      throw unauthorized(`The token has no ${userIdClaim} claim`);
    }
    // Subgraphs honour the identity at most a few minutes, and never beyond the token's expiry.
    const expiresAt = Math.min(payload.exp!, Math.floor(Date.now() / 1000) + MAX_IDENTITY_SECONDS);
    return { userId: String(userId), scopes: scopesOf(payload), expiresAt };
  };
}
