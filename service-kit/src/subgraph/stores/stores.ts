// The stores a subgraph may own: PostgreSQL (with migrations) and DynamoDB, each call counted and traced.
export { createDb, type Db, type PostgresOptions } from './postgres.ts';
export { migrate } from './migrations.ts';
export { batchGetAll, batchPutAll, createDynamo, ensureTable, isTableEmpty, type Dynamo, type DynamoOptions } from './dynamodb.ts';
export {
  dynamoStore,
  openDynamo,
  openPostgres,
  postgresStore,
  type DynamoConfig,
  type PostgresConfig,
  type StoreConnection,
} from './open-store.ts';
export { dynamoTableCheck, postgresCheck } from './store-checks.ts';
