import { baseEnv, cacheEnv, cacheTtl, defineSettings, eventsEnv, identitySecretInProduction, postgresEnv, serviceUrl, type ConfigOf } from '@tributary/service-kit';

export const settings = defineSettings({
  service: 'reviews',
  settings: {
    ...baseEnv,
    PORT: { ...baseEnv.PORT, default: 4004 },
    ...postgresEnv,
    ...eventsEnv,
    SUBGRAPH_ACCOUNTS_URL: serviceUrl('http://localhost:4001/graphql', 'Where `addReview` checks that the author exists (through the graph, never its table).'),
    SUBGRAPH_PRODUCTS_URL: serviceUrl('http://localhost:4002/graphql', 'Where `addReview` checks that the product exists.'),
    ...cacheEnv,
    CACHE_TTL_REVIEW_SECONDS: cacheTtl(3_600, 'TTL of cached reviews, which never change once written.'),
    CACHE_TTL_REVIEW_LIST_SECONDS: cacheTtl(300, "TTL of a product's or user's newest reviews; `addReview` invalidates them at once."),
  },
  checks: [identitySecretInProduction],
});

export const configSchema = settings.schema;
export type ReviewsConfig = ConfigOf<typeof settings.settings>;

/** The only place the reviews service reads its environment. */
export const readConfig = (): ReviewsConfig => settings.load(process.env);
