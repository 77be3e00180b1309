import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** The `iss` and `aud` of development tokens; the stack's gateway is configured with them. */
export const DEV_ISSUER = 'tributary-dev';
export const DEV_AUDIENCE = 'tributary';
const ALG = 'ES256';

export interface TokenRequest {
  /** The user id the token is for (`sub`). */
  user: string;
  /** OAuth scopes, e.g. `["admin"]`. */
  scopes?: string[];
  /** @default 3600 */
  ttlSeconds?: number;
}

/** A local stand-in for Cognito: one ES256 key pair, its public JWKS, and tokens signed with it. */
export interface DevIssuer {
  issuer: string;
  audience: string;
  /** What the JWKS URL serves: the public key only. */
  jwks: { keys: JWK[] };
  token(request: TokenRequest): Promise<string>;
}

async function issuerFrom(privateJwk: JWK): Promise<DevIssuer> {
  const key = await importJWK(privateJwk, ALG);
  const { d: _private, ...publicJwk } = privateJwk;
  return {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    jwks: { keys: [{ ...publicJwk, use: 'sig' }] },
    token: ({ user, scopes = [], ttlSeconds = 3_600 }) =>
      new SignJWT({ ...(scopes.length ? { scope: scopes.join(' ') } : {}) })
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid!, typ: 'JWT' })
        .setSubject(user)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
  };
}

/** A fresh key pair kept in memory: for a test's or a benchmark's stack. */
export async function createDevIssuer(): Promise<DevIssuer> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  return issuerFrom({ ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALG });
}

/**
 * The key pair kept in `file` (git-ignored, readable by its owner only), made on first use: so
 * `npm run token` works before, during and after `npm start`, and tokens outlive a restart.
 */
export async function loadOrCreateDevIssuer(file: string): Promise<DevIssuer> {
  try {
    return await issuerFrom(JSON.parse(await readFile(file, 'utf8')) as JWK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} is not a development key (${(error as Error).message}); delete it to make a new one`);
  }
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALG };
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Made meanwhile by another process (`npm run token` during `npm start`): use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateDevIssuer(file);
    throw error;
  }
  return issuerFrom(jwk);
}
