import { baseEnv, cacheEnv, defineSettings, eventsEnv, identitySecretInProduction, postgresEnv, serviceUrl, type ConfigOf } from '@tributary/service-kit';
import { z } from 'zod';
import { FAULT_POINTS } from './saga/saga.ts';

export const settings = defineSettings({
  service: 'orders',
  settings: {
    ...baseEnv,
    PORT: { ...baseEnv.PORT, default: 4005 },
    ...postgresEnv,
    ...eventsEnv,
    SUBGRAPH_PRODUCTS_URL: serviceUrl('http://localhost:4002/graphql', 'Where `placeOrder` prices the lines (through the graph, never its table).'),
    SUBGRAPH_INVENTORY_URL: serviceUrl('http://localhost:4003/graphql', "Where the saga reserves, confirms and releases stock."),
    SUBGRAPH_PAYMENTS_URL: serviceUrl('http://localhost:4006/graphql', 'Where the saga debits and refunds store credit.'),
    ORDERS_SAGA_RESUME_AFTER_MS: {
      type: z.coerce.number().int().min(100).max(3_600_000),
      default: 30_000,
      description: 'A saga nobody advanced for this long is resumed (or compensated) by this service: its process died, or a compensation kept failing.',
    },
    ORDERS_SAGA_RECOVERY_INTERVAL_MS: {
      type: z.coerce.number().int().min(100).max(3_600_000),
      default: 10_000,
      description: 'How often unfinished sagas are looked for (and once at start).',
    },
    ORDERS_SAGA_FAULT: {
      type: z.enum(FAULT_POINTS),
      default: 'none',
      description:
        'Test-only fault injection: the process kills itself (SIGKILL) while placing an order `after-reserve`, `after-debit` or `before-confirm`; sagas resumed after a restart never do. Refused in production.',
    },
    ...cacheEnv,
  },
  checks: [
    identitySecretInProduction,
    (config) => (config.NODE_ENV === 'production' && config.ORDERS_SAGA_FAULT !== 'none' ? ['ORDERS_SAGA_FAULT: fault injection is refused in production'] : []),
  ],
});

export const configSchema = settings.schema;
export type OrdersConfig = ConfigOf<typeof settings.settings>;

/** The only place the orders service reads its environment. */
export const readConfig = (): OrdersConfig => settings.load(process.env);
