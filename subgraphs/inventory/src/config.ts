import { z } from 'zod';
import { baseEnv, cacheEnv, cacheTtl, defineSettings, dynamoEnv, eventsEnv, identitySecretInProduction, serviceUrl, settingTypes, type ConfigOf } from '@tributary/service-kit';

export const settings = defineSettings({
  service: 'inventory',
  settings: {
    ...baseEnv,
    PORT: { ...baseEnv.PORT, default: 4003 },
    ...dynamoEnv,
    ...eventsEnv,
    INVENTORY_TABLE: { type: settingTypes.dynamoTable, default: 'inventory', description: 'DynamoDB table of stock.' },
    SUBGRAPH_PRODUCTS_URL: serviceUrl('http://localhost:4002/graphql', 'Where stock mutations check that a product exists (through the graph, never its table).'),
    RESERVATION_TTL_SECONDS: {
      type: z.coerce.number().int().min(1).max(86_400),
      default: 600,
      description: "How long an order's reservation holds its stock unless the orders saga confirms it; then it is released.",
    },
    RESERVATION_SWEEP_INTERVAL_MS: {
      type: z.coerce.number().int().min(100).max(3_600_000),
      default: 10_000,
      description: 'How often expired reservations are looked for and released.',
    },
    ...cacheEnv,
    CACHE_TTL_STOCK_SECONDS: cacheTtl(30, 'TTL of cached stock: short, since stock moves (writes through this service invalidate at once anyway).'),
  },
  checks: [identitySecretInProduction],
});

export const configSchema = settings.schema;
export type InventoryConfig = ConfigOf<typeof settings.settings>;

/** The only place the inventory service reads its environment. */
export const readConfig = (): InventoryConfig => settings.load(process.env);
