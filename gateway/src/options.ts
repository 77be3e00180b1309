import type { IncomingMessage } from 'node:http';
import type { Logger } from '@tributary/service-kit';
import type { AuthenticationOptions } from './auth/auth.ts';
import type { GatewayContext } from './context.ts';
import type { IdeOptions } from './ide/ide.ts';
import type { SubgraphHeadersHook } from './upstream/subgraph-data-source.ts';
import type { ResilienceOptions } from './upstream/upstream.ts';

/**
 * How to build a gateway with `createGateway`. The CLI sets each option from a flag or an
 * environment variable (named in each entry); every option has a default.
 */
export interface GatewayOptions<TExtra extends object = object> {
  /**
   * A composed supergraph SDL file, e.g. from `rover supergraph compose`. Give this or
   * `supergraphConfig` (one of them, not both). CLI: `--supergraph`, `SUPERGRAPH_PATH`.
   * @default undefined: `supergraphConfig` is then required
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
   * CLI: `SUBGRAPH_<NAME>_URL`, e.g. `SUBGRAPH_BOOKS_URL`.
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
  /** Timeouts, retries, circuit breakers and idle sockets of the gateway's calls to subgraphs. */
  resilience?: ResilienceOptions;
  /**
   * Sharing of work between requests in flight at the same moment (never a cache: nothing is
   * answered after the work is done). Only plain queries are shared, never mutations.
   */
  deduplication?: {
    /**
     * Identical client queries share one execution and one serialized answer. Identical means
     * the same schema, document, operation name, variables, verified viewer and everything the
     * subgraph requests would carry (the `subgraphHeaders` hook's headers).
     * CLI: `DEDUPLICATE_QUERIES`.
     * @default true
     */
    queries?: boolean;
    /**
     * Identical query requests to one subgraph (same URL, body and headers, trace headers aside)
     * share one call. CLI: `DEDUPLICATE_SUBGRAPH_REQUESTS`.
     * @default true
     */
    subgraphRequests?: boolean;
  };
  /**
   * Milliseconds a subgraph may take to answer a readiness probe. CLI: `READINESS_TIMEOUT_MS`.
   * @default 2000
   */
  readinessTimeoutMs?: number;
  /**
   * Schema introspection. Without it there is no IDE either. CLI: off when `NODE_ENV=production`.
   * @default true
   */
  introspection?: boolean;
  /**
   * The IDE a browser gets at /graphql: GraphiQL bundled with the gateway, Apollo Sandbox from
   * Apollo's CDN, or none; and what its headers editor starts with.
   * @default GraphiQL with no headers, none when introspection is off
   */
  ide?: IdeOptions;
  /**
   * Where the gateway logs. CLI: JSON lines on stdout at `LOG_LEVEL`.
   * @default a pino logger named `gateway` at level `info`
   */
  logger?: Logger;
  /**
   * Largest request body accepted, in bytes; larger ones get HTTP 413. CLI: `MAX_BODY_BYTES`.
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
   * Abuse limits, checked on each operation before it is planned. Over a limit, the client gets
   * HTTP 400: GRAPHQL_PARSE_FAILED (tokens), GRAPHQL_VALIDATION_FAILED (document size, depth,
   * aliases, directives) or QUERY_TOO_COMPLEX (cost).
   */
  limits?: {
    /**
     * Deepest nesting of fields, through fragments; introspection fields do not count.
     * CLI: `MAX_DEPTH`.
     * @default 12
     */
    maxDepth?: number;
    /**
     * Aliased fields in one document. CLI: `MAX_ALIASES`.
     * @default 30
     */
    maxAliases?: number;
    /**
     * Lexical tokens in one document; the parser stops there. CLI: `MAX_TOKENS`.
     * @default 2000
     */
    maxTokens?: number;
    /**
     * Directives in one document. CLI: `MAX_DIRECTIVES`.
     * @default 50
     */
    maxDirectives?: number;
    /**
     * Size of one document in UTF-8 bytes. CLI: `MAX_DOCUMENT_BYTES`.
     * @default 32768 (32 KiB)
     */
    maxDocumentBytes?: number;
    /**
     * Refuse operations costing more, with QUERY_TOO_COMPLEX. Cost follows Apollo's demand
     * control: each object returned costs 1 (scalars 0) and a list multiplies what is under it by
     * its size, unless the supergraph's `@cost(weight:)` and `@listSize` say otherwise; without
     * `@listSize`, a list's size is its `first`/`last`/`limit` argument (or the schema's default
     * for it), else `defaultListSize`. At 0, every operation's cost is still estimated (the
     * `tributary_graphql_operation_cost` histogram, a log line at each new highest, and
     * `extensions.cost` with `costSummary`) but none is refused. The storefront's deployments set
     * 5000; the federation benchmark query costs 3415 on its supergraph. CLI: `MAX_COST`.
     * @default 0 (measured, never refused)
     */
    maxCost?: number;
    /**
     * What a list field counts as without `@listSize`, a `first` argument or a default for one.
     * CLI: `DEFAULT_LIST_SIZE`.
     * @default 10
     */
    defaultListSize?: number;
    /**
     * Most operations one POST may batch as a JSON array; 0 turns batching off (arrays get 400).
     * A batch takes one rate-limit token. CLI: `MAX_BATCH_SIZE`.
     * @default 0 (off)
     */
    maxBatchSize?: number;
  };
  /**
   * Requests per client, as a token bucket: `burst` at once, refilled at `perSecond`. A client is
   * the context's user when it has one, else the caller's address. In Redis (shared by every
   * replica) when `redisUrl` is set, else in process; while Redis is down, in process. Over the
   * limit: HTTP 429 with Retry-After and RATE_LIMITED.
   */
  rateLimit?: {
    /**
     * Tokens added per second; 0 turns rate limiting off. CLI: `RATE_LIMIT_PER_SECOND`.
     * @default 100
     */
    perSecond?: number;
    /**
     * Bucket size: requests a client may send at once. CLI: `RATE_LIMIT_BURST`.
     * @default 200
     */
    burst?: number;
    /**
     * Proxies in front of the gateway that append to X-Forwarded-For (an ALB is 1); 0 keys on the
     * TCP peer. CLI: `TRUSTED_PROXY_HOPS`.
     * @default 0
     */
    trustedProxyHops?: number;
  };
  /**
   * Browser origins allowed to call `/graphql` across origins, e.g. `https://shop.example.com`;
   * `*` allows any origin, without credentials. CLI: `CORS_ALLOWED_ORIGINS` (comma-separated).
   * @default [] (same origin only)
   */
  corsAllowedOrigins?: readonly string[];
  /**
   * Persisted-only mode: a JSON manifest of the only operations the gateway runs, as
   * `{ "<sha256>": "<document>" }` or Apollo's persisted query manifest. Clients send the hash in
   * `extensions.persistedQuery` (or the exact document); anything else gets HTTP 400 with
   * PERSISTED_QUERY_NOT_FOUND. Automatic persisted queries are then off. CLI: `PERSISTED_OPERATIONS_PATH`.
   * @default undefined: any operation within the limits runs
   */
  persistedOperationsPath?: string;
  /**
   * `false`: the manifest at `persistedOperationsPath` is preloaded instead: its hashes are known
   * from the start, and any other operation still runs (automatic persisted queries stay on). For
   * development, so a client's first request needs no registering round trip.
   * CLI: `PERSISTED_OPERATIONS_ONLY`.
   * @default true
   */
  persistedOperationsOnly?: boolean;
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
   * Who executes the query plans ApolloGateway makes: `tributary`, the gateway's own executor
   * (plans and result projections compiled once per operation, each entity representation sent
   * once per fetch), or `apollo`, `@apollo/gateway`'s, kept for comparison. CLI: `GATEWAY_EXECUTOR`.
   * @default "tributary"
   */
  executor?: 'tributary' | 'apollo';
  /**
   * With Tributary's executor: the entity fetches of one request that are ready at the same time
   * for one subgraph (a Parallel node's branches, the continuations of one answer) go out as one
   * request, each fetch's `_entities` under its own alias; a leaf fetch may wait for the next
   * answer to go out with its subgraph's next fetches. Answers are the same either way.
   * CLI: `MERGE_SUBGRAPH_FETCHES`.
   * @default true
   */
  mergeFetches?: boolean;
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
   * and `extensions.cost` (the operation's estimated cost and `maxCost`) to every response.
   * CLI: on unless `NODE_ENV=production`.
   * @default true
   */
  costSummary?: boolean;
  /**
   * Write each GraphQL request's metrics (namespace `Tributary`: `Requests`, `Errors` by code,
   * `Latency` overall and by operation, `SubgraphLatency`, `CacheHits`/`CacheMisses` of `apq` and
   * `response`, `RateLimited`, `Refused` by reason) as
   * CloudWatch embedded metric format lines on stdout, where CloudWatch Logs turns them into
   * metrics. Operations are named by the persisted manifest's names only; any other is `(other)`.
   * CLI: `METRICS_EMF`.
   * @default false
   */
  metricsEmf?: boolean;
  /**
   * Tracing: a segment per request, continuing the caller's trace, with subsegments for planning
   * and each subgraph fetch, recorded by the X-Ray SDK or OpenTelemetry (only the chosen SDK loads).
   */
  tracing?: {
    /**
     * Make and send segments; off, trace ids still reach logs and responses. CLI: `TRACING_ENABLED`.
     * @default true
     */
    enabled?: boolean;
    /**
     * Which SDK records the spans: `xray` sends segments by UDP to an X-Ray daemon, `otel` spans
     * by OTLP/HTTP to a collector (the ADOT collector on AWS). CLI: `TRACING_BACKEND`.
     * @default "xray"
     */
    backend?: 'xray' | 'otel';
    /**
     * Where segments go by UDP (an X-Ray daemon), with the `xray` backend. CLI: `AWS_XRAY_DAEMON_ADDRESS`.
     * @default "127.0.0.1:2000"
     */
    daemonAddress?: string;
    /**
     * Where spans go by OTLP/HTTP, with the `otel` backend; `/v1/traces` is appended. CLI: `OTEL_EXPORTER_OTLP_ENDPOINT`.
     * @default "http://localhost:4318"
     */
    otlpEndpoint?: string;
    /**
     * Fraction of requests traced beyond the reservoir. CLI: `XRAY_SAMPLING_RATE`.
     * @default 0.05
     */
    samplingRate?: number;
    /**
     * Requests per second always traced. CLI: `XRAY_SAMPLING_RESERVOIR`.
     * @default 1
     */
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
