import { baseEnv, identitySecretInProduction, cacheEnv, cacheTtl, dynamoEnv, loadConfig } from '@tributary/service-kit';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseEnv,
  PORT: baseEnv.PORT.default(4002),
  ...dynamoEnv,
  PRODUCTS_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/).default('products'),
  ...cacheEnv,
  CACHE_TTL_PRODUCT_SECONDS: cacheTtl(300),
  /** The ranking changes rarely and only by deploys of the catalog. */
  CACHE_TTL_TOP_PRODUCTS_SECONDS: cacheTtl(60),
}).superRefine(identitySecretInProduction);

export type ProductsConfig = z.infer<typeof configSchema>;

/** The only place the products service reads its environment. */
export const readConfig = (): ProductsConfig => loadConfig(configSchema, process.env);
