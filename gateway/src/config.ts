import { baseEnv, ConfigError, parseConfig } from '@tributary/service-kit';
import { z } from 'zod';

const SUBGRAPH_URL = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;
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
  /** Milliseconds a subgraph may take to answer a readiness probe. */
  READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
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
  const overrides = Object.entries(env).flatMap(([key, value]) => {
    const match = SUBGRAPH_URL.exec(key);
    return match && value ? [[match[1]!.toLowerCase(), value] as const] : [];
  });
  const subgraphUrl = z.url({ protocol: /^https?$/ });
  for (const [name, value] of overrides) {
    const parsed = subgraphUrl.safeParse(value);
    if (!parsed.success) problems.push(`SUBGRAPH_${name.toUpperCase()}_URL: ${parsed.error.issues[0]?.message ?? 'invalid URL'}`);
  }
  if (problems.length || !config) throw new ConfigError([...new Set(problems)]);
  return { ...config, subgraphUrls: Object.fromEntries(overrides) };
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
