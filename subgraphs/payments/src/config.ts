import { baseEnv, cacheEnv, cacheTtl, defineSettings, dynamoEnv, eventsEnv, identitySecretInProduction, settingTypes, type ConfigOf } from '@tributary/service-kit';
import { z } from 'zod';

export const settings = defineSettings({
  service: 'payments',
  settings: {
    ...baseEnv,
    PORT: { ...baseEnv.PORT, default: 4006 },
    ...dynamoEnv,
    ...eventsEnv,
    PAYMENTS_TABLE: { type: settingTypes.dynamoTable, default: 'payments', description: 'DynamoDB table of store credit, one item per user.' },
    SEED_CREDIT_CENTS: {
      type: z.coerce.number().int().min(0).max(10_000_000),
      default: 100_000,
      description: 'Store credit each seeded user starts with, in cents.',
    },
    ...cacheEnv,
    CACHE_TTL_CREDIT_SECONDS: cacheTtl(5, 'TTL of cached balances: short, since they move (writes through this service invalidate at once).'),
  },
  checks: [identitySecretInProduction],
});

export const configSchema = settings.schema;
export type PaymentsConfig = ConfigOf<typeof settings.settings>;

/** The only place the payments service reads its environment. */
export const readConfig = (): PaymentsConfig => settings.load(process.env);
