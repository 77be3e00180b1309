import type { SubgraphContext } from '@tributary/service-kit/subgraph';
import type { ProductsLoaders } from './loaders.ts';
import type { ProductStore } from './product-store.ts';

/** What each products resolver receives: the kit's bootstrap builds one per request. */
export type ProductsContext = SubgraphContext<ProductStore, ProductsLoaders>;
