// Who a request is made for: signed by the gateway, verified by the services behind it.
export {
  IDENTITY_HEADER,
  IdentityError,
  MAX_IDENTITY_SECONDS,
  MIN_SECRET_LENGTH,
  signIdentity,
  verifyIdentity,
  type Identity,
} from './signed-identity.ts';
export { identityVerifier } from './identity-verifier.ts';
