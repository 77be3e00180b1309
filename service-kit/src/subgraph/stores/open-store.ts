import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Check } from '../../http/readiness.ts';
import type { Logger } from '../../observability/logger.ts';
import { createDynamo, ensureTable, type Dynamo } from './dynamodb.ts';
import { migrate } from './migrations.ts';
import { createDb, type Db } from './postgres.ts';
import { dynamoTableCheck, postgresCheck } from './store-checks.ts';

/** A store connection a subgraph opened at start: what readiness checks, and how to close it. */
export interface StoreConnection {
  checks: Record<string, Check>;
  close(): Promise<void>;
}

/** What opening PostgreSQL reads of a service's config (the kit's postgresEnv). */
export interface PostgresConfig {
  DATABASE_URL: string;
  DATABASE_POOL_MAX: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
}

/** What opening DynamoDB reads of a service's config (the kit's baseEnv and dynamoEnv). */
export interface DynamoConfig {
  AWS_REGION: string;
  DYNAMODB_ENDPOINT?: string | undefined;
  DYNAMODB_MAX_ATTEMPTS: number;
  DYNAMODB_REQUEST_TIMEOUT_MS: number;
}

/** Opens the service's PostgreSQL pool and brings its schema up to date. */
export async function openPostgres(
  config: PostgresConfig,
  logger: Logger,
  schema: string,
  migrationsDir: string,
): Promise<StoreConnection & { db: Db }> {
  const db = createDb({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, logger });
  const applied = await migrate(db, schema, migrationsDir);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  return { db, checks: { postgres: postgresCheck(db) }, close: () => db.close() };
}

/** Opens the DynamoDB client; against a local endpoint, creates the table when absent. */
export async function openDynamo(
  config: DynamoConfig,
  logger: Logger,
  table: CreateTableCommandInput,
): Promise<StoreConnection & { dynamo: Dynamo }> {
  const dynamo = createDynamo({
    region: config.AWS_REGION,
    endpoint: config.DYNAMODB_ENDPOINT,
    maxAttempts: config.DYNAMODB_MAX_ATTEMPTS,
    requestTimeoutMs: config.DYNAMODB_REQUEST_TIMEOUT_MS,
  });
  // On AWS the infrastructure owns the tables.
  if (config.DYNAMODB_ENDPOINT && (await ensureTable(dynamo.client, table))) {
    logger.info({ table: table.TableName }, 'table created');
  }
  return { dynamo, checks: { dynamodb: dynamoTableCheck(dynamo.client, table.TableName!) }, close: async () => dynamo.close() };
}

/**
 * A subgraph's `openStore` over PostgreSQL: the pool, migrated in the service's own `schema`
 * from `migrationsDir`, given to the subgraph's store class.
 */
export const postgresStore =
  <TStore>(schema: string, migrationsDir: string, Store: new (db: Db) => TStore) =>
  async (config: PostgresConfig, logger: Logger): Promise<StoreConnection & { store: TStore }> => {
    const postgres = await openPostgres(config, logger, schema, migrationsDir);
    return { ...postgres, store: new Store(postgres.db) };
  };

/**
 * A subgraph's `openStore` over one DynamoDB table: the client (and, against a local endpoint,
 * the table `table(config)` defines, when absent) given to the subgraph's store class.
 */
export const dynamoStore =
  <TConfig extends DynamoConfig, TStore>(
    table: (config: TConfig) => CreateTableCommandInput,
    Store: new (doc: DynamoDBDocumentClient, tableName: string) => TStore,
  ) =>
  async (config: TConfig, logger: Logger): Promise<StoreConnection & { store: TStore }> => {
    const definition = table(config);
    const dynamo = await openDynamo(config, logger, definition);
    return { ...dynamo, store: new Store(dynamo.dynamo.doc, definition.TableName!) };
  };
