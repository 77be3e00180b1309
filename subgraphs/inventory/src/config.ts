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
    ...cacheEnv,
    CACHE_TTL_STOCK_SECONDS: cacheTtl(30, 'TTL of cached stock: short, since stock moves (writes through this service invalidate at once anyway).'),
  },
  checks: [identitySecretInProduction],
});

export const configSchema = settings.schema;
export type InventoryConfig = ConfigOf<typeof settings.settings>;

/** The only place the inventory service reads its environment. */
export const readConfig = (): InventoryConfig => settings.load(process.env);
