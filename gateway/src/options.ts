import type { IncomingMessage } from 'node:http';
import type { Logger } from '@tributary/service-kit';
import type { AuthenticationOptions } from './authentication.ts';
import type { GatewayContext } from './context.ts';
import type { SubgraphHeadersHook } from './subgraph-data-source.ts';

/** The storefront's composed supergraph: what the gateway serves when given no other. */
export const defaultSupergraphPath = new URL('../../schema/supergraph.graphql', import.meta.url).pathname;

/**
 * How to build a gateway with `createGateway`. The CLI sets each option from a flag or an
 * environment variable (named in each entry); every option has a default.
 */
export interface GatewayOptions<TExtra extends object = object> {
  /**
   * A composed supergraph SDL file, e.g. from `rover supergraph compose`. Give this or
   * `supergraphConfig`, not both. CLI: `--supergraph`, `SUPERGRAPH_PATH`.
   * @default the storefront's schema/supergraph.graphql, unless `supergraphConfig` is given
   */
  supergraphPath?: string;
  /**
   * A rover `supergraph.yaml` to compose at start and on every reload: per subgraph a
   * `routing_url` and a `schema` of `file`, `subgraph_url` (introspected) or `sdl`.
   * CLI: `--config`, `SUPERGRAPH_CONFIG`.
   * @default undefined
   */
  supergraphConfig?: string;
  /**
   * Subgraph name → URL, overriding the routing URL the supergraph gives it.
   * CLI: `SUBGRAPH_<NAME>_URL`, e.g. `SUBGRAPH_ACCOUNTS_URL`.
   * @default {}
   */
  subgraphUrls?: Record<string, string>;
  /**
   * Reload when the supergraph file, the config or a subgraph SDL file it lists changes.
   * CLI: `--no-watch`, `WATCH`.
   * @default true
   */
  watch?: boolean;
  /**
   * Reload every this many milliseconds, introspecting `subgraph_url` subgraphs again; 0: never.
   * CLI: `--poll-interval`, `POLL_INTERVAL_MS`.
   * @default 0
   */
  pollIntervalMs?: number;
  /**
   * Milliseconds a subgraph may take to answer a readiness probe. CLI: `READINESS_TIMEOUT_MS`.
   * @default 2000
   */
  readinessTimeoutMs?: number;
  /**
   * Schema introspection and the landing page. CLI: off when `NODE_ENV=production`.
   * @default true
   */
  introspection?: boolean;
  /**
   * Where the gateway logs. CLI: JSON lines on stdout at `LOG_LEVEL`.
   * @default a pino logger named `gateway` at level `info`
   */
  logger?: Logger;
  /**
   * Largest request body accepted, in bytes; larger ones get HTTP 413.
   * @default 1048576 (1 MiB)
   */
  bodyLimit?: number;
  /**
   * Verify `Authorization: Bearer <JWT>` against the issuer's JWKS. A request without a token is
   * anonymous; a token that does not verify is answered 401 (`UNAUTHENTICATED`) before planning.
   * Needs `identitySecret`. CLI: `AUTH_JWKS_URL`, `AUTH_ISSUER`, `AUTH_AUDIENCE`,
   * `AUTH_ALGORITHMS`, `AUTH_USER_ID_CLAIM`, `AUTH_JWKS_COOLDOWN_MS`.
   * @default undefined: no token is verified, every request is anonymous, and the Authorization
   * header is left to your hooks
   */
  authentication?: AuthenticationOptions;
  /**
   * HMAC-SHA256 key (at least 32 characters) shared with every subgraph: the verified identity
   * (user id, scopes, expiry) goes to each subgraph in the `x-tributary-identity` header, signed
   * with it. A client's own copy of that header is never passed on. CLI: `IDENTITY_SIGNING_SECRET`.
   * @default undefined: no identity is sent (required with `authentication`)
   */
  identitySecret?: string;
  /**
   * Adds fields to each request's context, e.g. a header your subgraphs need. The context always
   * has `viewer`, the verified identity, which the hook cannot replace.
   * @default none: the context is `{ viewer }`
   */
  context?: (req: IncomingMessage) => TExtra | Promise<TExtra>;
  /**
   * Headers for each request the gateway sends to a subgraph, e.g. to pass on a token the
   * `context` hook read. The identity header is always the gateway's own, whatever the hook sets.
   * @default none
   */
  subgraphHeaders?: SubgraphHeadersHook<GatewayContext & TExtra>;
  /**
   * Redis for automatic persisted queries (shared by every replica) and the response cache.
   * CLI: `REDIS_URL`.
   * @default undefined: both kept in process
   */
  redisUrl?: string;
  /**
   * Cache whole responses of cacheable operations (by their Cache-Control hints); PRIVATE ones
   * only per user. CLI: `RESPONSE_CACHE_ENABLED`.
   * @default false
   */
  responseCache?: boolean;
  /**
   * How long a persisted query's hash stays known. CLI: `APQ_TTL_SECONDS`.
   * @default 604800 (7 days)
   */
  apqTtlSeconds?: number;
  /**
   * Starts every key the gateway writes to Redis. CLI: `CACHE_KEY_PREFIX`.
   * @default "tributary"
   */
  cacheKeyPrefix?: string;
  /**
   * A Redis command slower than this counts as a miss. CLI: `REDIS_COMMAND_TIMEOUT_MS`.
   * @default 250
   */
  redisCommandTimeoutMs?: number;
  /**
   * Add `extensions.chattiness` (subgraph fetches, store round trips, cache hits and misses)
   * to every response. CLI: on unless `NODE_ENV=production`.
   * @default true
   */
  costSummary?: boolean;
  /**
   * AWS X-Ray tracing: a segment per request, continuing the caller's trace, with subsegments
   * for planning and each subgraph fetch. CLI: `TRACING_ENABLED`, `AWS_XRAY_DAEMON_ADDRESS`,
   * `XRAY_SAMPLING_RATE`, `XRAY_SAMPLING_RESERVOIR`.
   * @default enabled, daemon 127.0.0.1:2000, sampling 1 request/s then 5 %
   */
  tracing?: {
    enabled?: boolean;
    daemonAddress?: string;
    samplingRate?: number;
    samplingReservoir?: number;
  };
}

/** Where `listen` serves. */
export interface ListenOptions {
  /**
   * TCP port; 0 picks a free one. CLI: `--port`, `PORT`.
   * @default 4000
   */
  port?: number;
  /**
   * Interface to listen on. CLI: `--host`, `HOST`.
   * @default "0.0.0.0"
   */
  host?: string;
  /**
   * On stop, how long requests in flight may take before their connections are closed.
   * @default 20000 (below ECS's 30 s stop timeout)
   */
  drainTimeoutMs?: number;
}
