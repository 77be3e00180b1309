import type { SubgraphContext } from '@tributary/service-kit/subgraph';
import type { CreditStore } from './credit-store.ts';
import type { PaymentsLoaders } from './loaders.ts';

/** What each payments resolver receives: the kit's bootstrap builds one per request. */
export type PaymentsContext = SubgraphContext<CreditStore, PaymentsLoaders>;
