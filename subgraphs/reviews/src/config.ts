import { baseEnv, identitySecretInProduction, cacheEnv, cacheTtl, loadConfig, postgresEnv, serviceUrl } from '@tributary/service-kit';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseEnv,
  PORT: baseEnv.PORT.default(4004),
  ...postgresEnv,
  /** Where addReview checks that the author exists (through the graph, never its table). */
  SUBGRAPH_ACCOUNTS_URL: serviceUrl('http://localhost:4001/graphql'),
  /** Where addReview checks that the product exists. */
  SUBGRAPH_PRODUCTS_URL: serviceUrl('http://localhost:4002/graphql'),
  ...cacheEnv,
  /** Reviews never change once written. */
  CACHE_TTL_REVIEW_SECONDS: cacheTtl(3_600),
  /** A product's or user's newest reviews; addReview invalidates them at once. */
  CACHE_TTL_REVIEW_LIST_SECONDS: cacheTtl(300),
}).superRefine(identitySecretInProduction);

export type ReviewsConfig = z.infer<typeof configSchema>;

/** The only place the reviews service reads its environment. */
export const readConfig = (): ReviewsConfig => loadConfig(configSchema, process.env);
