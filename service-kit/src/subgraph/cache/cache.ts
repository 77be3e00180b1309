// The entity cache under the loaders: Redis or an in-process LRU behind one interface.
export type { CacheEntry, KeyValueStore } from './key-value-store.ts';
export { MemoryStore, type MemoryStoreOptions } from './memory-store.ts';
export { RedisStore, type RedisStoreOptions } from './redis-store.ts';
export { EntityCache, type BatchSpec, type EntityCacheOptions } from './entity-cache.ts';
export { createEntityCache, type CacheConfig } from './create-cache.ts';
