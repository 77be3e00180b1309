import { baseEnv, ConfigError, parseConfig } from '@tributary/service-kit';
import { z } from 'zod';
import { JWT_ALGORITHMS } from './auth/auth.ts';

const SUBGRAPH_URL = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;
const SUBGRAPH_TIMEOUT = /^SUBGRAPH_([A-Z0-9_]+)_TIMEOUT_MS$/;
const timeoutMs = z.coerce.number().int().min(50).max(300_000);
const url = z.url({ protocol: /^https?$/ }).optional();

export const configSchema = z.object({
  ...baseEnv,
  PORT: baseEnv.PORT.default(4000),
  /** Interface to listen on. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** A composed supergraph SDL to serve; unset (and no SUPERGRAPH_CONFIG): the storefront's. */
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  /** A rover supergraph.yaml to compose at start and on every reload, instead of SUPERGRAPH_PATH. */
  SUPERGRAPH_CONFIG: z.string().min(1).optional(),
  /** Reload when the supergraph or a subgraph SDL file changes. */
  WATCH: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /** Reload every this many milliseconds (introspecting subgraph_url subgraphs again); 0: never. */
  POLL_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(0),
  /** Overrides of the routing URLs in the supergraph, one per subgraph (any SUBGRAPH_<NAME>_URL works). */
  SUBGRAPH_ACCOUNTS_URL: url,
  SUBGRAPH_PRODUCTS_URL: url,
  SUBGRAPH_INVENTORY_URL: url,
  SUBGRAPH_REVIEWS_URL: url,
  /** Whole-response cache for cacheable operations (Redis when REDIS_URL is set). Off by default. */
  RESPONSE_CACHE_ENABLED: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** How long an automatic persisted query is kept (the hash stays valid across replicas). */
  APQ_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(7 * 86_400),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(250),
  /** Starts every gateway key in Redis, so deployments sharing one Redis keep apart. */
  CACHE_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).default('tributary'),
  /** Milliseconds a subgraph fetch may take (SUBGRAPH_<NAME>_TIMEOUT_MS overrides it per subgraph). */
  SUBGRAPH_TIMEOUT_MS: timeoutMs.default(5_000),
  /** Retries of a query fetch after a failed connection or HTTP 502/503/504; mutations never. */
  SUBGRAPH_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** First retry backoff; later ones grow exponentially with jitter, up to 1 s. */
  SUBGRAPH_RETRY_DELAY_MS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Retries stay below this fraction of a subgraph's requests over 10 s. */
  SUBGRAPH_RETRY_BUDGET_RATIO: z.coerce.number().min(0).max(1).default(0.1),
  /** Consecutive failures that open a subgraph's circuit. */
  CIRCUIT_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1_000).default(5),
  /** How long an open circuit waits before letting one probe call through. */
  CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Idle sockets to subgraphs close after this; below the subgraphs' 65 s keep-alive, or `socket hang up`. */
  SUBGRAPH_KEEPALIVE_IDLE_MS: z.coerce.number().int().min(100).max(64_000).default(30_000),
  /** Milliseconds a subgraph may take to answer a readiness probe. */
  READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
  /** The issuer's JSON Web Key Set (Cognito: the user pool's jwks.json). Unset: no authentication. */
  AUTH_JWKS_URL: url,
  /** The `iss` tokens must carry. */
  AUTH_ISSUER: z.string().min(1).optional(),
  /** The `aud` (or, without one, `client_id`) tokens must carry. */
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** Comma-separated signing algorithms accepted; asymmetric ones only. */
  AUTH_ALGORITHMS: z
    .string()
    .default('RS256,ES256')
    .transform((value) => value.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.enum(JWT_ALGORITHMS)).min(1)),
  /** The claim that holds the user id. */
  AUTH_USER_ID_CLAIM: z.string().min(1).default('sub'),
  /** After a key set fetch, how long before a token with an unknown kid may fetch it again. */
  AUTH_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Abuse limits, checked before planning (see GatewayOptions.limits). */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  MAX_DOCUMENT_BYTES: z.coerce.number().int().min(64).max(16 * 1024 * 1024).default(32 * 1024),
  MAX_TOKENS: z.coerce.number().int().min(10).max(1_000_000).default(2_000),
  MAX_DEPTH: z.coerce.number().int().min(1).max(1_000).default(12),
  MAX_ALIASES: z.coerce.number().int().min(0).max(100_000).default(30),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).max(100_000).default(50),
  MAX_COST: z.coerce.number().int().min(1).default(10_000),
  DEFAULT_LIST_SIZE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Operations one POST may batch; 0: batching off. */
  MAX_BATCH_SIZE: z.coerce.number().int().min(0).max(1_000).default(0),
  /** Per-client token bucket; 0 requests per second turns it off. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(100),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(10_000_000).default(200),
  /** Proxies in front of the gateway appending to X-Forwarded-For (an ALB: 1). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Comma-separated origins (scheme://host[:port]) browsers may call from, or `*`. */
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.literal('*'), z.string().regex(/^https?:\/\/[^/\s,]+$/, 'each origin is scheme://host[:port], without a path')]))),
  /** Persisted-only mode: the manifest of the only operations the gateway runs. */
  PERSISTED_OPERATIONS_PATH: z.string().min(1).optional(),
});

export type GatewayConfig = z.infer<typeof configSchema> & {
  /** Subgraph name (lower case, as in the supergraph) → URL, from every SUBGRAPH_<NAME>_URL. */
  subgraphUrls: Record<string, string>;
  /** Subgraph name → fetch timeout in ms, from every SUBGRAPH_<NAME>_TIMEOUT_MS. */
  subgraphTimeoutsMs: Record<string, number>;
};

/** Validates the environment; throws a ConfigError listing every problem. */
export function parseGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const problems: string[] = [];
  let config: z.infer<typeof configSchema> | undefined;
  try {
    config = parseConfig(configSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (config?.SUPERGRAPH_PATH && config.SUPERGRAPH_CONFIG) {
    problems.push('SUPERGRAPH_PATH, SUPERGRAPH_CONFIG: give one of them, not both');
  }
  problems.push(...authenticationProblems(config));
  const overrides = Object.entries(env).flatMap(([key, value]) => {
    const match = SUBGRAPH_URL.exec(key);
    return match && value ? [[match[1]!.toLowerCase(), value] as const] : [];
  });
  const subgraphUrl = z.url({ protocol: /^https?$/ });
  for (const [name, value] of overrides) {
    const parsed = subgraphUrl.safeParse(value);
    if (!parsed.success) problems.push(`SUBGRAPH_${name.toUpperCase()}_URL: ${parsed.error.issues[0]?.message ?? 'invalid URL'}`);
  }
  const timeouts = Object.entries(env).flatMap(([key, value]) => {
    const match = SUBGRAPH_TIMEOUT.exec(key);
    if (!match || !value) return [];
    const parsed = timeoutMs.safeParse(value);
    if (parsed.success) return [[match[1]!.toLowerCase(), parsed.data] as const];
    problems.push(`${key}: ${parsed.error.issues[0]?.message ?? 'invalid timeout'}`);
    return [];
  });
  if (problems.length || !config) throw new ConfigError([...new Set(problems)]);
  return { ...config, subgraphUrls: Object.fromEntries(overrides), subgraphTimeoutsMs: Object.fromEntries(timeouts) };
}

/** With AUTH_JWKS_URL, the rest of authentication is required; without it, none of it may be set. */
function authenticationProblems(config: z.infer<typeof configSchema> | undefined): string[] {
  if (!config) return [];
  if (config.AUTH_JWKS_URL) {
    return (['AUTH_ISSUER', 'AUTH_AUDIENCE', 'IDENTITY_SIGNING_SECRET'] as const)
      .filter((name) => !config[name])
      .map((name) => `${name}: is required with AUTH_JWKS_URL`);
  }
  // A half-configured authentication must not pass for one that is on.
  return (['AUTH_ISSUER', 'AUTH_AUDIENCE'] as const).filter((name) => config[name]).map((name) => `${name}: needs AUTH_JWKS_URL`);
}

/**
 * The only place the gateway reads its environment. `overrides` (from command-line flags) win
 * over the environment.
 */
export function readConfig(overrides: Record<string, string> = {}): GatewayConfig {
  // No calls home from Apollo libraries unless someone opts in.
  process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
  return parseGatewayConfig({ ...process.env, ...overrides });
}
