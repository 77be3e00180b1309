import { sdlFile } from '@tributary/schema';
import { createLogger, sagaOutcomeLine } from '@tributary/service-kit';
import { EntityClient, postgresStoreWithOutbox, type SubgraphDefinition } from '@tributary/service-kit/subgraph';
import type { OrdersConfig } from './config.ts';
import type { OrdersContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { OrderStore } from './order-store.ts';
import { policies } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { remoteSteps, SagaRunner, startSagaRecovery } from './saga/saga.ts';

/** A saga step may wait this long for its service; a slower one is retried (every step is idempotent). */
const STEP_TIMEOUT_MS = 10_000;

export const migrationsDir = new URL('../migrations', import.meta.url).pathname;

/** Orders in PostgreSQL, event-sourced, placed by a saga: what the kit's bootstrap serves as the orders subgraph. */
export const subgraph: SubgraphDefinition<OrdersConfig, OrdersContext> = {
  name: 'orders',
  sdlPath: sdlFile('orders'),
  // The order's events and their outbox rows are written in one transaction.
  openStore: postgresStoreWithOutbox('orders', migrationsDir, OrderStore),
  loaders: (store, settings) => createLoaders(store, settings),
  // The catalog prices the lines; inventory and payments run the saga's steps. One runner per
  // process, so a saga runs once here however many requests or recoveries ask for it.
  subgraphs: (config) => ({
    products: new EntityClient('products', config.SUBGRAPH_PRODUCTS_URL),
    saga: new SagaRunner({
      steps: remoteSteps(
        new EntityClient('inventory', config.SUBGRAPH_INVENTORY_URL, STEP_TIMEOUT_MS),
        new EntityClient('payments', config.SUBGRAPH_PAYMENTS_URL, STEP_TIMEOUT_MS),
        config.IDENTITY_SIGNING_SECRET,
      ),
      logger: createLogger('orders', config.LOG_LEVEL),
      fault: config.ORDERS_SAGA_FAULT,
      // CloudWatch's SagaOutcomes (alarmed on when a compensation fails), beside the request metrics.
      ...(config.METRICS_EMF ? { onOutcome: (outcome) => void process.stdout.write(`${sagaOutcomeLine({ service: 'orders', outcome })}\n`) } : {}),
    }),
  }),
  worker: (store, { subgraphs, logger, tracer, config }) =>
    startSagaRecovery({
      store,
      runner: subgraphs.saga,
      logger,
      tracer,
      idleMs: config.ORDERS_SAGA_RESUME_AFTER_MS,
      intervalMs: config.ORDERS_SAGA_RECOVERY_INTERVAL_MS,
    }),
  resolvers,
  policies,
};
