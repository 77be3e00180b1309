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
