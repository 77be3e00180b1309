import { baseEnv, identitySecretInProduction, cacheEnv, cacheTtl, loadConfig, postgresEnv } from '@tributary/service-kit';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseEnv,
  PORT: baseEnv.PORT.default(4001),
  ...postgresEnv,
  ...cacheEnv,
  CACHE_TTL_USER_SECONDS: cacheTtl(300),
}).superRefine(identitySecretInProduction);

export type AccountsConfig = z.infer<typeof configSchema>;

/** The only place the accounts service reads its environment. */
export const readConfig = (): AccountsConfig => loadConfig(configSchema, process.env);
