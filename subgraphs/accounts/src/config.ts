import { baseEnv, cacheEnv, cacheTtl, defineSettings, eventsEnv, identitySecretInProduction, postgresEnv, type ConfigOf } from '@tributary/service-kit';

export const settings = defineSettings({
  service: 'accounts',
  settings: {
    ...baseEnv,
    PORT: { ...baseEnv.PORT, default: 4001 },
    ...postgresEnv,
    ...eventsEnv,
    ...cacheEnv,
    CACHE_TTL_USER_SECONDS: cacheTtl(300, 'TTL of cached users.'),
  },
  checks: [identitySecretInProduction],
});

export const configSchema = settings.schema;
export type AccountsConfig = ConfigOf<typeof settings.settings>;

/** The only place the accounts service reads its environment. */
export const readConfig = (): AccountsConfig => settings.load(process.env);
