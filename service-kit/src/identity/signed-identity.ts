import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who a request is made for: verified by the gateway, passed to the subgraphs signed. */
export interface Identity {
  userId: string;
  /** Granted scopes, e.g. `admin`. */
  scopes: string[];
  /** Seconds since the epoch after which this identity must not be honoured. */
  expiresAt: number;
}

/** The one header that carries an identity from the gateway to a subgraph. */
export const IDENTITY_HEADER = 'x-tributary-identity';

/** Shortest signing secret accepted: 32 characters, as from `openssl rand -base64 32`. */
export const MIN_SECRET_LENGTH = 32;

/**
 * The gateway never signs for longer than this, whatever the token's own expiry: a header that
 * leaks (a log line, a captured request) stops working soon after.
 */
export const MAX_IDENTITY_SECONDS = 300;

const VERSION = 'v1';

const mac = (payload: string, secret: string) => createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest();

/** `v1.<payload>.<HMAC-SHA256 of "v1.<payload>">`, both base64url; the payload is the identity as JSON. */
export function signIdentity(identity: Identity, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ sub: identity.userId, scp: identity.scopes, exp: identity.expiresAt })).toString('base64url');
  return `${VERSION}.${payload}.${mac(payload, secret).toString('base64url')}`;
}

export class IdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityError';
  }
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((s) => typeof s === 'string');

/**
 * Checks a header made by `signIdentity`: the signature first (compared in constant time), then
 * the expiry. Throws an IdentityError saying what is wrong; never returns an unverified identity.
 */
export function verifyIdentity(header: string, secret: string, nowSeconds = Date.now() / 1000): Identity {
  const [version, payload, signature, ...rest] = header.split('.');
  if (version !== VERSION || !payload || !signature || rest.length) throw new IdentityError('malformed identity header');
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new IdentityError('bad identity signature');
  let claims: { sub?: unknown; scp?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new IdentityError('malformed identity payload');
  }
  const { sub, scp, exp } = claims ?? {};
  if (typeof sub !== 'string' || !sub || !isStringArray(scp) || typeof exp !== 'number') {
    throw new IdentityError('malformed identity payload');
  }
  if (exp <= nowSeconds) throw new IdentityError('expired identity');
  return { userId: sub, scopes: scp, expiresAt: exp };
}
