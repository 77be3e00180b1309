import { baseEnv, identitySecretInProduction, cacheEnv, cacheTtl, dynamoEnv, loadConfig, serviceUrl } from '@tributary/service-kit';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseEnv,
  PORT: baseEnv.PORT.default(4003),
  ...dynamoEnv,
  INVENTORY_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/).default('inventory'),
  /** Where stock mutations check that a product exists (through the graph, never its table). */
  SUBGRAPH_PRODUCTS_URL: serviceUrl('http://localhost:4002/graphql'),
  ...cacheEnv,
  /** Stock moves: keep it short, writes through this service invalidate at once anyway. */
  CACHE_TTL_STOCK_SECONDS: cacheTtl(30),
}).superRefine(identitySecretInProduction);

export type InventoryConfig = z.infer<typeof configSchema>;

/** The only place the inventory service reads its environment. */
export const readConfig = (): InventoryConfig => loadConfig(configSchema, process.env);
