// @tributary/service-kit/subgraph: what a subgraph needs besides the core. It loads the database
// drivers and DataLoader, which the core (and so the gateway) never does.
export {
  serveSubgraph,
  startSubgraph,
  type AnySubgraphContext,
  type BackgroundContext,
  type BackgroundTask,
  type SubgraphConfig,
  type SubgraphContext,
  type SubgraphDefinition,
} from './bootstrap/bootstrap.ts';
export { loadSubgraphSchema, type ResolverMap } from './schema/schema.ts';
export { enforceAuthorization, type Policy } from './authorization/authorization.ts';
export { entityLoader, groupBy, type EntityLoaderSpec, type LoaderSettings } from './loaders/loaders.ts';
export {
  createEntityCache,
  EntityCache,
  MemoryStore,
  RedisStore,
  type BatchSpec,
  type CacheConfig,
  type CacheEntry,
  type EntityCacheOptions,
  type KeyValueStore,
  type MemoryStoreOptions,
  type RedisStoreOptions,
} from './cache/cache.ts';
export {
  batchGetAll,
  batchPutAll,
  createDb,
  createDynamo,
  dynamoStore,
  dynamoTableCheck,
  ensureTable,
  isTableEmpty,
  migrate,
  openDynamo,
  openPostgres,
  postgresCheck,
  postgresStore,
  type Db,
  type Dynamo,
  type DynamoConfig,
  type DynamoOptions,
  type PostgresConfig,
  type PostgresOptions,
  type StoreConnection,
} from './stores/stores.ts';
export { EntityClient, type RemoteError } from './entity-client/entity-client.ts';
