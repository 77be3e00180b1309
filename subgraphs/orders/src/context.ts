import type { EntityClient, SubgraphContext } from '@tributary/service-kit/subgraph';
import type { OrdersLoaders } from './loaders.ts';
import type { OrderStore } from './order-store.ts';
import type { SagaRunner } from './saga/saga.ts';

/** The other services orders works with: the catalog it prices from, and the saga over inventory and payments. */
export interface OrdersPeers {
  products: Pick<EntityClient, 'select'>;
  saga: SagaRunner;
}

/** What each orders resolver receives: the kit's bootstrap builds one per request. */
export type OrdersContext = SubgraphContext<OrderStore, OrdersLoaders, OrdersPeers>;
