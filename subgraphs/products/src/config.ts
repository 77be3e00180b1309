import { baseEnv, cacheEnv, cacheTtl, defineSettings, dynamoEnv, eventsEnv, identitySecretInProduction, settingTypes, type ConfigOf } from '@tributary/service-kit';

export const settings = defineSettings({
  service: 'products',
  settings: {
    ...baseEnv,
    PORT: { ...baseEnv.PORT, default: 4002 },
    ...dynamoEnv,
    ...eventsEnv,
    PRODUCTS_TABLE: { type: settingTypes.dynamoTable, default: 'products', description: 'DynamoDB table of the catalog.' },
    ...cacheEnv,
    CACHE_TTL_PRODUCT_SECONDS: cacheTtl(300, 'TTL of cached products.'),
    CACHE_TTL_TOP_PRODUCTS_SECONDS: cacheTtl(60, 'TTL of the cached ranking, which changes rarely and only by deploys of the catalog.'),
  },
  checks: [identitySecretInProduction],
});

export const configSchema = settings.schema;
export type ProductsConfig = ConfigOf<typeof settings.settings>;

/** The only place the products service reads its environment. */
export const readConfig = (): ProductsConfig => settings.load(process.env);
