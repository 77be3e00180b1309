import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '../../observability/logger.ts';
import { openDynamo, openPostgres, type DynamoConfig, type PostgresConfig, type StoreConnection } from '../stores/open-store.ts';
import type { Db } from '../stores/postgres.ts';
import { startDynamoOutboxRelay, withOutboxIndex, type DynamoOutboxRelay } from './dynamo-outbox.ts';
import { openEventStream, type EventsConfig } from './open-event-stream.ts';
import { outboxMigrationSql, startOutboxRelay } from './postgres-outbox.ts';
import type { OutboxRelay } from './relay-loop.ts';

/** DynamoDB tables are swept for events left behind this many relay intervals apart (a scan is not cheap). */
const SWEEP_EVERY_INTERVALS = 30;

/**
 * `postgresStore` for a service that writes domain events: also creates `<schema>.outbox`, opens
 * the event stream and runs the outbox relay, which the store class receives (to flush after a
 * write) and which stops before the pool closes.
 */
export const postgresStoreWithOutbox =
  <TStore>(schema: string, migrationsDir: string, Store: new (db: Db, events: OutboxRelay) => TStore) =>
  async (config: PostgresConfig & EventsConfig, logger: Logger): Promise<StoreConnection & { store: TStore }> => {
    const postgres = await openPostgres(config, logger, schema, migrationsDir);
    try {
      await postgres.db.query(outboxMigrationSql(schema));
      const stream = await openEventStream(config, logger);
      const relay = startOutboxRelay({ pool: postgres.db, schema, stream, logger, intervalMs: config.EVENT_RELAY_INTERVAL_MS });
      return {
        checks: postgres.checks,
        store: new Store(postgres.db, relay),
        async close() {
          await relay.stop();
          stream.close();
          await postgres.close();
        },
      };
    } catch (error) {
      await postgres.close();
      throw error;
    }
  };

/**
 * `dynamoStore` for a service that writes domain events: the table gets the outbox's sparse index
 * (created with it locally; the CDK app defines it on AWS), and the relay of the table's item
 * outboxes runs beside the store class, which receives it.
 */
export const dynamoStoreWithOutbox =
  <TConfig extends DynamoConfig & EventsConfig, TStore>(
    table: (config: TConfig) => CreateTableCommandInput,
    Store: new (doc: DynamoDBDocumentClient, tableName: string, events: DynamoOutboxRelay) => TStore,
  ) =>
  async (config: TConfig, logger: Logger): Promise<StoreConnection & { store: TStore }> => {
    const definition = withOutboxIndex(table(config));
    const dynamo = await openDynamo(config, logger, definition);
    try {
      const stream = await openEventStream(config, logger);
      const relay = startDynamoOutboxRelay({
        doc: dynamo.dynamo.doc,
        table: definition.TableName!,
        keyAttributes: (definition.KeySchema ?? []).map((k) => k.AttributeName!),
        stream,
        logger,
        sweepIntervalMs: config.EVENT_RELAY_INTERVAL_MS * SWEEP_EVERY_INTERVALS,
      });
      return {
        checks: dynamo.checks,
        store: new Store(dynamo.dynamo.doc, definition.TableName!, relay),
        async close() {
          await relay.stop();
          stream.close();
          await dynamo.close();
        },
      };
    } catch (error) {
      await dynamo.close();
      throw error;
    }
  };
