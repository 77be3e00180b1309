export * from './key-value-store.ts';
export * from './memory-store.ts';
export * from './redis-store.ts';
export * from './entity-cache.ts';
export * from './create-cache.ts';
