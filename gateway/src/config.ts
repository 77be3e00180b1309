import { baseEnv, loadConfig } from '@tributary/service-kit';
import { z } from 'zod';

const SUBGRAPH_URL = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;
const url = z.url({ protocol: /^https?$/ }).optional();

export const configSchema = z.object({
  ...baseEnv,
  PORT: baseEnv.PORT.default(4000),
  /** The composed supergraph SDL to serve. */
  SUPERGRAPH_PATH: z.string().min(1).default(new URL('../../schema/supergraph.graphql', import.meta.url).pathname),
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
});

export type GatewayConfig = z.infer<typeof configSchema> & {
  /** Subgraph name (lower case, as in the supergraph) → URL, from every SUBGRAPH_<NAME>_URL. */
  subgraphUrls: Record<string, string>;
};

export function parseGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const config = loadConfig(configSchema, env);
  const extra = z.record(z.string(), z.url({ protocol: /^https?$/ }));
  const overrides = Object.fromEntries(
    Object.entries(env).flatMap(([key, value]) => {
      const match = SUBGRAPH_URL.exec(key);
      return match && value ? [[match[1]!.toLowerCase(), value]] : [];
    }),
  );
  const parsed = extra.safeParse(overrides);
  if (!parsed.success) {
    console.error(`Invalid configuration:\n  - SUBGRAPH_<NAME>_URL: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join(', ')}`);
    process.exit(1);
  }
  return { ...config, subgraphUrls: parsed.data };
}

/** The only place the gateway reads its environment. */
export function readConfig(): GatewayConfig {
  // No calls home from Apollo libraries unless someone opts in.
  process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
  return parseGatewayConfig(process.env);
}
