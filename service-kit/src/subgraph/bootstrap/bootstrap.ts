import type { BaseContext } from '@apollo/server';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { Policy } from '../authorization/authorization.ts';
import { createEntityCache, type CacheConfig } from '../cache/create-cache.ts';
import { createDynamo, ensureTable, type Dynamo } from '../stores/dynamodb.ts';
import type { LoaderSettings } from '../loaders/loaders.ts';
import type { Logger } from '../../observability/logger.ts';
import { labelMetrics } from '../../observability/metrics.ts';
import { migrate } from '../stores/migrations.ts';
import { createDb, type Db } from '../stores/postgres.ts';
import { dynamoTableCheck, postgresCheck, readinessOf } from '../../http/readiness.ts';
import type { RunningService } from '../../lifecycle/service.ts';
import { schemaFile, startSubgraph, type SubgraphOptions } from './start-subgraph.ts';
import { createTracer } from '../../observability/tracing.ts';

/** A store a subgraph owns, opened: what readiness checks, and how to close it. */
export interface OpenStore {
  checks: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

/** Opens the service's PostgreSQL pool and brings its schema up to date. */
export async function openPostgres(
  config: { DATABASE_URL: string; DATABASE_POOL_MAX: number; DATABASE_STATEMENT_TIMEOUT_MS: number },
  logger: Logger,
  schema: string,
  migrationsDir: string,
): Promise<OpenStore & { db: Db }> {
  const db = createDb({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, logger });
  const applied = await migrate(db, schema, migrationsDir);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  return { db, checks: { postgres: postgresCheck(db) }, close: () => db.close() };
}

/** Opens the DynamoDB client; against a local endpoint, creates the tables when absent. */
export async function openDynamo(
  config: { AWS_REGION: string; DYNAMODB_ENDPOINT?: string | undefined; DYNAMODB_MAX_ATTEMPTS: number; DYNAMODB_REQUEST_TIMEOUT_MS: number },
  logger: Logger,
  table: CreateTableCommandInput,
): Promise<OpenStore & { dynamo: Dynamo }> {
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

/** What every storefront subgraph's config carries (service-kit's baseEnv and cacheEnv). */
export interface StorefrontServiceConfig extends CacheConfig {
  PORT: number;
  NODE_ENV: string;
  SEED_PROFILE: 'none' | 'small' | 'large';
  BATCHING_ENABLED: boolean;
  IDENTITY_SIGNING_SECRET?: string | undefined;
  TRACING_ENABLED: boolean;
  AWS_XRAY_DAEMON_ADDRESS: string;
  XRAY_SAMPLING_RATE: number;
  XRAY_SAMPLING_RESERVOIR: number;
}

export interface StorefrontSubgraphOptions<TContext extends BaseContext> {
  /** Also the SDL's name under schema/ and the metrics' `service` label. */
  name: string;
  config: StorefrontServiceConfig;
  logger: Logger;
  store: OpenStore;
  /** Seeds the service's part of a profile when its store is empty; returns what it wrote. */
  seed: (profile: 'small' | 'large') => Promise<number>;
  /** The per-request context, given the cache and batching settings the loaders need. */
  context: (loaders: LoaderSettings) => SubgraphOptions<TContext>['context'];
  resolvers: GraphQLResolverMap<TContext>;
  policies?: Record<string, Policy>;
  /** Bump when what a service caches changes shape without its SDL changing. @default 1 */
  cacheShapeVersion?: number;
}

/**
 * The part every storefront subgraph shares, after it opened its store: metrics, the entity
 * cache, seeding, tracing, identity, and the server itself.
 */
export async function startStorefrontSubgraph<TContext extends BaseContext>(
  options: StorefrontSubgraphOptions<TContext>,
): Promise<RunningService> {
  const { name, config, logger, store } = options;
  labelMetrics(name);
  const sdlPath = schemaFile(name);
  const cache = createEntityCache(name, config, logger, { sdlPath, version: options.cacheShapeVersion ?? 1 });
  if (config.SEED_PROFILE !== 'none') {
    const seeded = await options.seed(config.SEED_PROFILE);
    if (seeded) logger.info({ rows: seeded, profile: config.SEED_PROFILE }, 'seeded');
  }
  return startSubgraph<TContext>({
    name,
    tracer: createTracer(name, config, logger),
    port: config.PORT,
    production: config.NODE_ENV === 'production',
    logger,
    sdlPath,
    resolvers: options.resolvers,
    ...(options.policies ? { policies: options.policies } : {}),
    identitySecret: config.IDENTITY_SIGNING_SECRET,
    context: options.context({ cache: cache.cache, batching: config.BATCHING_ENABLED }),
    readiness: readinessOf(store.checks),
    close: async () => {
      await cache.store?.close();
      await store.close();
    },
  });
}
