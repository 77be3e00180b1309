import type { EntityClient, SubgraphContext } from '@tributary/service-kit/subgraph';
import type { ReviewsLoaders } from './loaders.ts';
import type { ReviewStore } from './review-store.ts';

type Owner = Pick<EntityClient, 'existing'>;

/** What each reviews resolver receives: the kit's bootstrap builds one per request. */
export type ReviewsContext = SubgraphContext<ReviewStore, ReviewsLoaders, { accounts: Owner; products: Owner }>;
