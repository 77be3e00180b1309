import type { SubgraphContext } from '@tributary/service-kit/subgraph';
import type { AccountsLoaders } from './loaders.ts';
import type { UserStore } from './user-store.ts';

/** What each accounts resolver receives: the kit's bootstrap builds one per request. */
export type AccountsContext = SubgraphContext<UserStore, AccountsLoaders>;
