import { sdlFile } from '@tributary/schema';
import { createKinesisClient, postgresStore, type SubgraphDefinition } from '@tributary/service-kit/subgraph';
import { AuditStore } from './audit-store.ts';
import type { AuditConfig } from './config.ts';
import { startConsumer } from './consumer.ts';
import type { AuditContext } from './context.ts';
import { resolvers } from './resolvers.ts';

export const migrationsDir = new URL('../migrations', import.meta.url).pathname;

/**
 * The audit trail in PostgreSQL, made by consuming the event stream: what the kit's bootstrap
 * serves as the audit subgraph, with the consumer as its worker.
 */
export const subgraph: SubgraphDefinition<AuditConfig, AuditContext> = {
  name: 'audit',
  sdlPath: sdlFile('audit'),
  openStore: postgresStore('audit', migrationsDir, AuditStore),
  loaders: () => ({}),
  worker: (store, { config, logger, tracer }) => {
    if (!config.AUDIT_CONSUMER_ENABLED) return { stop: async () => undefined };
    const kinesis = createKinesisClient({ region: config.AWS_REGION, endpoint: config.KINESIS_ENDPOINT });
    const consumer = startConsumer({ kinesis, streamName: config.EVENT_STREAM_NAME, store, logger, tracer, pollIntervalMs: config.AUDIT_POLL_INTERVAL_MS });
    return {
      async stop() {
        await consumer.stop();
        kinesis.destroy();
      },
    };
  },
  resolvers,
};
