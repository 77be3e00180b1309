import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
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

/** Opens the service's PostgreSQL pool and brings its schema up to date. */
export async function openPostgres(
  config: { DATABASE_URL: string; DATABASE_POOL_MAX: number; DATABASE_STATEMENT_TIMEOUT_MS: number },
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
  config: { AWS_REGION: string; DYNAMODB_ENDPOINT?: string | undefined; DYNAMODB_MAX_ATTEMPTS: number; DYNAMODB_REQUEST_TIMEOUT_MS: number },
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
