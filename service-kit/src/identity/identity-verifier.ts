import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/http-body.ts';
import { IDENTITY_HEADER, IdentityError, verifyIdentity, type Identity } from './signed-identity.ts';
import type { Logger } from '../observability/logger.ts';

/**
 * A subgraph's `authenticate` hook: no identity header is an anonymous caller; a header that does
 * not verify (forged, expired, signed with another secret, or any header when this service has no
 * secret) is answered with 401. Refusing rather than serving it as anonymous makes a secret that
 * differs between services fail loudly at the first signed-in request instead of quietly turning
 * every user into a stranger, and no one ever acts as the user a bad header names.
 */
export function identityVerifier(secret: string | undefined, logger: Logger) {
  return async (req: IncomingMessage): Promise<Identity | null> => {
    const header = req.headers[IDENTITY_HEADER];
    if (header === undefined) return null;
    try {
      if (typeof header !== 'string') throw new IdentityError('repeated identity header');
      if (!secret) throw new IdentityError('identity header received but IDENTITY_SIGNING_SECRET is not set');
      return verifyIdentity(header, secret);
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      logger.warn({ reason: error.message, remoteAddress: req.socket.remoteAddress }, 'rejected a request with an unverifiable identity');
      throw new HttpError(401, 'The identity of this request could not be verified', 'UNAUTHENTICATED');
    }
  };
}
