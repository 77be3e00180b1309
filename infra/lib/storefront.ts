/**
 * What the storefront's own deployments (this CDK app, docker-compose.yml, `npm start`) set, where the
 * gateway's generic defaults are made for any graph. In one place so both deployments and their
 * tests agree.
 */

/** The storefront's gateway limits, shared with `npm start` (see @tributary/schema). */
export { STOREFRONT_GATEWAY_LIMITS } from '@tributary/schema';

/**
 * Proxies that append to X-Forwarded-For in front of the gateway on AWS. A viewer's request
 * reaches the gateway as `<whatever the viewer sent>, <viewer>, <CloudFront edge>`: CloudFront
 * appends the address it was connected from (the viewer), the ALB (in `append` mode) the
 * address it was connected from (CloudFront's edge). The client is therefore the second entry
 * from the right. Entries further left are the viewer's own writing; the ALB admits only
 * CloudFront, so the two entries on the right cannot be forged.
 */
export const EDGE_PROXY_HOPS = 2;

/** The built SPA (the web workspace's `npm run build` output), relative to the repository root. */
export const SITE_DIR = 'web/dist';

/** Files of the built SPA the deployment treats apart. */
export const SITE_FILES = {
  /** The shell: never cached without revalidation, invalidated on every deploy. */
  index: 'index.html',
  /** Content-hashed bundles: cached a year, immutable. */
  assets: 'assets',
  /** Runtime settings written at deploy time (sign-in, API): same caching as the shell. */
  config: 'config.json',
  /** Apollo's persisted query manifest: baked into the gateway image, not served to browsers. */
  manifest: 'persisted-query-manifest.json',
} as const;

/** Where the gateway image holds the manifest (the Dockerfile copies it there): `PERSISTED_OPERATIONS_PATH`. */
export const GATEWAY_MANIFEST_PATH = `/app/${SITE_DIR}/${SITE_FILES.manifest}`;

/** Where the SPA sends its GraphQL requests: the same origin, `/graphql*` routed to the API. */
export const SITE_GRAPHQL_PATH = '/graphql';

/** Where Cognito's hosted UI sends the browser back with the authorization code. */
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';
