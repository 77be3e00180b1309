import { EntityCache, type KeyValueStore } from '@tributary/service-kit/subgraph';
import { silentLogger } from './logger.ts';

/** Loader settings for tests: no cache unless a store is given, batching on, short TTLs. */
export function testLoaderSettings(store: KeyValueStore | null = null, namespace = 'test') {
  return {
    cache: new EntityCache({ store, namespace, logger: silentLogger }),
    batching: true,
    userTtlSeconds: 60,
    productTtlSeconds: 60,
    topTtlSeconds: 60,
    stockTtlSeconds: 60,
    reviewTtlSeconds: 60,
    listTtlSeconds: 60,
  };
}
