import { defineSettings, settingTypes, type ConfigOf } from '@tributary/service-kit';
import { z } from 'zod';
import { parseDefaultHeaders } from './ide/default-headers.ts';
import { IDE_KINDS } from './ide/ide-kind.ts';

/** Algorithms a JWKS can verify: asymmetric only, so a shared secret or `none` is never accepted. */
export const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

const ms = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const timeoutMs = ms(50, 300_000);
const commaList = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/**
 * Every setting of the gateway, once: its environment variable (the key), flag, option, type,
 * default and description. The CLI's flags and --help, the options' defaults and the README's
 * table all come from here.
 */
export const settings = defineSettings({
  service: 'gateway',
  settings: {
    SUPERGRAPH_PATH: {
      type: z.string().min(1),
      option: 'supergraphPath',
      flag: { name: 'supergraph', value: '<file>' },
      description: 'Serve this composed supergraph SDL file (e.g. from `rover supergraph compose`). Give this or SUPERGRAPH_CONFIG.',
    },
    SUPERGRAPH_CONFIG: {
      type: z.string().min(1),
      option: 'supergraphConfig',
      flag: { name: 'config', value: '<file>' },
      description: 'Compose this rover supergraph.yaml at start and on every reload (subgraph schemas from `file`, `subgraph_url` or `sdl`).',
    },
    PORT: { type: settingTypes.port, default: 4000, option: 'listen.port', flag: { name: 'port', value: '<port>' }, description: 'Port to listen on; 0 picks a free one.' },
    HOST: { type: z.string().min(1), default: '0.0.0.0', option: 'listen.host', flag: { name: 'host', value: '<address>' }, description: 'Interface to listen on.' },
    drainTimeoutMs: {
      type: ms(0, 600_000),
      default: 20_000,
      option: 'listen.drainTimeoutMs',
      optionOnly: true,
      description: "On stop, how long requests in flight may take before their connections are closed (below ECS's 30 s stop timeout).",
    },
    POLL_INTERVAL_MS: {
      type: ms(0, 86_400_000),
      default: 0,
      option: 'pollIntervalMs',
      flag: { name: 'poll-interval', value: '<ms>' },
      description: 'Also reload every <ms> milliseconds, introspecting `subgraph_url` subgraphs again; 0: never.',
    },
    WATCH: {
      type: settingTypes.boolean,
      default: true,
      option: 'watch',
      flag: { name: 'no-watch', sets: 'false', description: 'Do not reload when the supergraph file, the config or a subgraph SDL file changes.' },
      description: 'Reload when the supergraph file, the config or a subgraph SDL file it lists changes.',
    },
    subgraphUrls: { type: z.record(z.string(), z.string()), default: {}, option: 'subgraphUrls', optionOnly: true, description: 'Subgraph name → URL, overriding the routing URL the supergraph gives it.' },
    SUBGRAPH_TIMEOUT_MS: {
      type: timeoutMs,
      default: 5_000,
      option: 'resilience.timeoutMs',
      description: 'How long a subgraph fetch may take, body included, before its fields fail with SUBGRAPH_UNAVAILABLE.',
    },
    subgraphTimeoutsMs: { type: z.record(z.string(), z.number()), default: {}, option: 'resilience.subgraphTimeoutsMs', optionOnly: true, description: 'Per-subgraph fetch timeouts, by subgraph name.' },
    SUBGRAPH_MAX_RETRIES: {
      type: count(0, 5),
      default: 2,
      option: 'resilience.maxRetries',
      description: 'Retries of a query fetch after a refused or reset connection or HTTP 502/503/504; mutations and timeouts are never retried.',
    },
    SUBGRAPH_RETRY_DELAY_MS: { type: ms(1, 10_000), default: 50, option: 'resilience.retryDelayMs', description: 'First retry backoff; later ones grow exponentially with jitter, up to 1 s.' },
    SUBGRAPH_RETRY_BUDGET_RATIO: {
      type: z.coerce.number().min(0).max(1),
      default: 0.1,
      option: 'resilience.retryBudgetRatio',
      description: "Retries stay below this fraction of a subgraph's requests over 10 s (3 per 10 s always allowed).",
    },
    CIRCUIT_BREAKER_FAILURES: {
      type: count(1, 1_000),
      default: 5,
      option: 'resilience.breakerFailures',
      description: "Consecutive failures (timeouts, refused connections, 5xx) that open a subgraph's circuit: its fields then fail at once.",
    },
    CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS: {
      type: ms(100, 600_000),
      default: 10_000,
      option: 'resilience.halfOpenAfterMs',
      description: 'How long an open circuit waits before one probe call; its success closes the circuit.',
    },
    SUBGRAPH_KEEPALIVE_IDLE_MS: {
      type: ms(100, 64_000),
      default: 30_000,
      option: 'resilience.idleSocketTimeoutMs',
      description: "Idle sockets to subgraphs close after this; it must stay below the subgraphs' keep-alive (65 s, an ALB's 60 s), or a request may go out on a closing socket.",
    },
    GATEWAY_EXECUTOR: {
      type: z.enum(['tributary', 'apollo']),
      default: 'tributary',
      option: 'executor',
      description: "Who executes Apollo's query plans: `tributary` (compiled per operation, entity representations sent once) or `apollo` (`@apollo/gateway`'s own executor).",
    },
    MERGE_SUBGRAPH_FETCHES: {
      type: settingTypes.boolean,
      default: true,
      option: 'mergeFetches',
      description: "Tributary's executor sends the entity fetches of one request that are ready at the same time for one subgraph as one request (aliased `_entities`).",
    },
    DEDUPLICATE_QUERIES: {
      type: settingTypes.boolean,
      default: true,
      option: 'deduplication.queries',
      description: 'Identical queries in flight at once (same schema, document, variables, viewer and forwarded headers) share one execution and one JSON answer.',
    },
    DEDUPLICATE_SUBGRAPH_REQUESTS: {
      type: settingTypes.boolean,
      default: true,
      option: 'deduplication.subgraphRequests',
      description: 'Identical query requests to one subgraph in flight at once (same body and headers) share one call.',
    },
    READINESS_TIMEOUT_MS: { type: ms(50, 30_000), default: 2_000, option: 'readinessTimeoutMs', description: 'How long a subgraph may take to answer the /ready probe.' },
    LOG_LEVEL: { type: settingTypes.logLevel, default: 'info', description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; logs are JSON lines on stdout.' },
    NODE_ENV: {
      type: settingTypes.nodeEnv,
      default: 'development',
      description: '`production` turns introspection, field suggestions, the IDE and `extensions.chattiness` off.',
    },
    introspection: { type: z.boolean(), default: true, option: 'introspection', optionOnly: true, description: 'Schema introspection; without it, no IDE either.' },
    costSummary: { type: z.boolean(), default: true, option: 'costSummary', optionOnly: true, description: '`extensions.chattiness` and `extensions.cost` in every response.' },
    REDIS_URL: {
      type: settingTypes.redisUrl,
      option: 'redisUrl',
      shownDefault: 'none (in process)',
      description: 'Redis for automatic persisted queries (shared by replicas), the response cache and the rate limits.',
    },
    RESPONSE_CACHE_ENABLED: {
      type: settingTypes.boolean,
      default: false,
      option: 'responseCache',
      description: '`true` caches whole responses of cacheable operations, PRIVATE ones per user.',
    },
    APQ_TTL_SECONDS: { type: z.coerce.number().int().min(60).max(30 * 86_400), default: 7 * 86_400, option: 'apqTtlSeconds', description: 'How long an automatic persisted query stays known.' },
    CACHE_KEY_PREFIX: { type: settingTypes.keyPrefix, default: 'tributary', option: 'cacheKeyPrefix', description: 'Starts every key the gateway writes to Redis, so deployments sharing one Redis keep apart.' },
    REDIS_COMMAND_TIMEOUT_MS: { type: ms(10, 10_000), default: 250, option: 'redisCommandTimeoutMs', description: 'A slower Redis command counts as a miss.' },
    TRACING_ENABLED: { type: settingTypes.boolean, default: true, option: 'tracing.enabled', description: '`false` makes and sends no spans and loads no tracing SDK (trace ids still reach logs and responses).' },
    TRACING_BACKEND: {
      type: settingTypes.tracingBackend,
      default: 'xray',
      option: 'tracing.backend',
      description: '`xray`: the X-Ray SDK, segments by UDP; `otel`: OpenTelemetry, spans by OTLP/HTTP.',
    },
    AWS_XRAY_DAEMON_ADDRESS: {
      type: z.string().min(1),
      default: '127.0.0.1:2000',
      option: 'tracing.daemonAddress',
      description: 'Where X-Ray segments go by UDP; `npm run traces` listens there.',
    },
    OTEL_EXPORTER_OTLP_ENDPOINT: {
      type: settingTypes.httpUrl,
      default: 'http://localhost:4318',
      option: 'tracing.otlpEndpoint',
      description: 'Where OpenTelemetry spans go (OTLP/HTTP protobuf, `/v1/traces` appended); `npm run traces` listens there.',
    },
    METRICS_EMF: {
      type: settingTypes.boolean,
      default: false,
      option: 'metricsEmf',
      description: '`true`: each GraphQL request also writes its metrics (requests, errors by code, latency by operation and subgraph, APQ and response cache lookups, rate-limited and refused requests) as CloudWatch embedded metric format lines on stdout.',
    },
    XRAY_SAMPLING_RATE: { type: z.coerce.number().min(0).max(1), default: 0.05, option: 'tracing.samplingRate', description: 'Fraction of requests traced beyond the reservoir.' },
    XRAY_SAMPLING_RESERVOIR: { type: count(0, 10_000), default: 1, option: 'tracing.samplingReservoir', description: 'Requests per second always traced.' },
    AWS_REGION: { type: z.string().min(1), default: 'us-east-1', description: 'Accepted for symmetry with the services; the gateway calls no AWS API.' },
    SEED_PROFILE: { type: settingTypes.seedProfile, default: 'none', description: 'Accepted for symmetry with the services; the gateway has no store.' },
    AUTH_JWKS_URL: {
      type: settingTypes.httpUrl,
      option: 'authentication.jwksUrl',
      shownDefault: 'none (every request is anonymous)',
      description: 'Verify `Authorization: Bearer <JWT>` against this JSON Web Key Set (Cognito: the user pool jwks.json); invalid tokens get 401.',
    },
    AUTH_ISSUER: { type: z.string().min(1), option: 'authentication.issuer', description: 'The `iss` tokens must carry (required with AUTH_JWKS_URL).' },
    AUTH_AUDIENCE: {
      type: z.string().min(1),
      option: 'authentication.audience',
      description: 'The `aud` tokens must carry, or without one their `client_id` (required with AUTH_JWKS_URL).',
    },
    AUTH_ALGORITHMS: {
      type: commaList.pipe(z.array(z.enum(JWT_ALGORITHMS)).min(1)),
      default: ['RS256', 'ES256'],
      option: 'authentication.algorithms',
      description: 'Comma-separated signing algorithms accepted; asymmetric ones only.',
    },
    AUTH_USER_ID_CLAIM: { type: z.string().min(1), default: 'sub', option: 'authentication.userIdClaim', description: 'The claim holding the user id.' },
    AUTH_JWKS_COOLDOWN_MS: {
      type: ms(0, 3_600_000),
      default: 30_000,
      option: 'authentication.jwksCooldownMs',
      description: 'After a key set fetch, how long before a token with an unknown `kid` may fetch it again.',
    },
    IDENTITY_SIGNING_SECRET: {
      type: settingTypes.identitySecret,
      option: 'identitySecret',
      description: 'HMAC key (32+ characters) shared with the subgraphs, signing the identity sent to them (required with AUTH_JWKS_URL).',
    },
    MAX_BODY_BYTES: { type: z.coerce.number().int().min(1024).max(64 * 1024 * 1024), default: 1024 * 1024, option: 'bodyLimit', description: 'Largest request body; larger get 413.' },
    MAX_DOCUMENT_BYTES: { type: count(64, 16 * 1024 * 1024), default: 32 * 1024, option: 'limits.maxDocumentBytes', description: 'Largest GraphQL document, in bytes.' },
    MAX_TOKENS: { type: count(10, 1_000_000), default: 2_000, option: 'limits.maxTokens', description: 'Most lexical tokens in a document; the parser stops there.' },
    MAX_DEPTH: { type: count(1, 1_000), default: 12, option: 'limits.maxDepth', description: 'Deepest field nesting, through fragments; introspection aside.' },
    MAX_ALIASES: { type: count(0, 100_000), default: 30, option: 'limits.maxAliases', description: 'Most aliases in a document.' },
    MAX_DIRECTIVES: { type: count(0, 100_000), default: 50, option: 'limits.maxDirectives', description: 'Most directives in a document.' },
    MAX_COST: {
      type: z.coerce.number().int().min(0),
      default: 0,
      option: 'limits.maxCost',
      shownDefault: '0 (costs are measured and reported, never refused)',
      description: "Refuse operations costing more (QUERY_TOO_COMPLEX): 1 per object, lists multiply, by the supergraph's `@cost` and `@listSize` where it has them; 0: never refuse.",
    },
    DEFAULT_LIST_SIZE: { type: count(1, 10_000), default: 10, option: 'limits.defaultListSize', description: 'What a list counts as without `@listSize`, a `first`/`last`/`limit` argument or a default for one.' },
    MAX_BATCH_SIZE: { type: count(0, 1_000), default: 0, option: 'limits.maxBatchSize', description: 'Most operations in one batched POST; 0 turns batching off.' },
    RATE_LIMIT_PER_SECOND: {
      type: z.coerce.number().min(0).max(1_000_000),
      default: 100,
      option: 'rateLimit.perSecond',
      description: 'Requests per second per client (user, else address), refilling a token bucket in Redis when REDIS_URL is set; 0: off.',
    },
    RATE_LIMIT_BURST: { type: count(1, 10_000_000), default: 200, option: 'rateLimit.burst', description: 'Requests a client may send at once.' },
    TRUSTED_PROXY_HOPS: { type: count(0, 10), default: 0, option: 'rateLimit.trustedProxyHops', description: 'Proxies in front appending to X-Forwarded-For: 1 behind an ALB, 2 behind CloudFront and an ALB (as the CDK app deploys it).' },
    CORS_ALLOWED_ORIGINS: {
      type: commaList.pipe(z.array(z.union([z.literal('*'), z.string().regex(/^https?:\/\/[^/\s,]+$/, 'each origin is scheme://host[:port], without a path')]))),
      default: [],
      option: 'corsAllowedOrigins',
      shownDefault: 'none',
      description: 'Comma-separated origins browsers may call from, or * (no credentials).',
    },
    PERSISTED_OPERATIONS_PATH: { type: z.string().min(1), option: 'persistedOperationsPath', description: 'A JSON manifest (sha256 → document): run only these operations.' },
    PERSISTED_OPERATIONS_ONLY: {
      type: settingTypes.boolean,
      default: true,
      option: 'persistedOperationsOnly',
      description: '`false`: preload the manifest instead; other operations still run (automatic persisted queries stay on).',
    },
    IDE: {
      type: z.enum(IDE_KINDS),
      option: 'ide.kind',
      shownDefault: 'graphiql (none in production)',
      description: 'The IDE a browser gets at /graphql: graphiql (bundled, offline), sandbox (Apollo Sandbox, from its CDN) or none.',
    },
    IDE_DEFAULT_HEADERS: {
      type: z.string().superRefine((text, context) => {
        try {
          parseDefaultHeaders(text);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
      option: 'ide.defaultHeaders',
      shownDefault: 'none (npm start: a development token for user 1)',
      description: "The IDE headers editor's first text: a JSON object of headers, `//` comment lines allowed. Refused in production.",
    },
    APOLLO_TELEMETRY_DISABLED: { type: z.string(), shownDefault: '1', description: 'Apollo libraries make no calls home unless set to an empty value.' },
  },
  patterns: {
    subgraphUrls: {
      env: 'SUBGRAPH_<NAME>_URL',
      type: settingTypes.httpUrl,
      option: 'subgraphUrls',
      shownDefault: 'its routing URL',
      description: 'Send subgraph <NAME> (as in the supergraph, upper case) here instead of its routing URL.',
    },
    subgraphTimeoutsMs: {
      env: 'SUBGRAPH_<NAME>_TIMEOUT_MS',
      type: timeoutMs,
      option: 'resilience.subgraphTimeoutsMs',
      shownDefault: 'SUBGRAPH_TIMEOUT_MS',
      description: 'The fetch timeout of subgraph <NAME> only, e.g. SUBGRAPH_BOOKS_TIMEOUT_MS.',
    },
  },
  checks: [
    (config) => (config.SUPERGRAPH_PATH && config.SUPERGRAPH_CONFIG ? ['SUPERGRAPH_PATH, SUPERGRAPH_CONFIG: give one of them, not both'] : []),
    authenticationProblems,
    ideProblems,
  ],
});

/** With AUTH_JWKS_URL, the rest of authentication is required; without it, none of it may be set. */
function authenticationProblems(config: { AUTH_JWKS_URL?: string; AUTH_ISSUER?: string; AUTH_AUDIENCE?: string; IDENTITY_SIGNING_SECRET?: string }): string[] {
  if (config.AUTH_JWKS_URL) {
    return (['AUTH_ISSUER', 'AUTH_AUDIENCE', 'IDENTITY_SIGNING_SECRET'] as const)
      .filter((name) => !config[name])
      .map((name) => `${name}: is required with AUTH_JWKS_URL`);
  }
  // A half-configured authentication must not pass for one that is on.
  return (['AUTH_ISSUER', 'AUTH_AUDIENCE'] as const).filter((name) => config[name]).map((name) => `${name}: needs AUTH_JWKS_URL`);
}

/** No IDE in production, and so no development token either. */
function ideProblems(config: { NODE_ENV: string; IDE?: string; IDE_DEFAULT_HEADERS?: string }): string[] {
  const production = config.NODE_ENV === 'production';
  return [
    ...(production && config.IDE && config.IDE !== 'none' ? [`IDE: must be none with NODE_ENV=production (introspection is off), not ${config.IDE}`] : []),
    ...(production && config.IDE_DEFAULT_HEADERS ? ['IDE_DEFAULT_HEADERS: not with NODE_ENV=production (no IDE there, and no development token)'] : []),
  ];
}

/** The environment's schema, for the contract tests of compose and the infrastructure. */
export const configSchema = settings.schema;
export type GatewayConfig = ConfigOf<typeof settings.settings, typeof settings.patterns>;

/** Every option's default, as `createGateway` applies it. */
export const gatewayDefaults = settings.defaults;

/** Validates the environment; throws a ConfigError listing every problem. */
export const parseGatewayConfig = (env: Record<string, string | undefined>): GatewayConfig => settings.parse(env);

/**
 * The only place the gateway reads its environment. `overrides` (from command-line flags) win
 * over the environment.
 */
export function readConfig(overrides: Record<string, string> = {}): GatewayConfig {
  // No calls home from Apollo libraries unless someone opts in.
  process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
  return parseGatewayConfig({ ...process.env, ...overrides });
}

