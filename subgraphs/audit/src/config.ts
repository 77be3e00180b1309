import { baseEnv, cacheEnv, defineSettings, eventsEnv, identitySecretInProduction, postgresEnv, type ConfigOf } from '@tributary/service-kit';
import { z } from 'zod';

export const settings = defineSettings({
  service: 'audit',
  settings: {
    ...baseEnv,
    PORT: { ...baseEnv.PORT, default: 4007 },
    ...postgresEnv,
    // The stream it reads; it writes no events, so it has no relay to tune.
    EVENT_STREAM_NAME: eventsEnv.EVENT_STREAM_NAME,
    KINESIS_ENDPOINT: eventsEnv.KINESIS_ENDPOINT,
    AUDIT_CONSUMER_ENABLED: {
      type: z.enum(['true', 'false']).transform((value) => value === 'true'),
      default: true,
      description: '`false`: serve `auditTrail` without reading the stream (a second replica: one consumer keeps the chain).',
    },
    AUDIT_POLL_INTERVAL_MS: {
      type: z.coerce.number().int().min(50).max(60_000),
      default: 500,
      description: 'Pause between reads of a shard that found nothing (Kinesis allows 5 reads per second per shard).',
    },
    ...cacheEnv,
  },
  checks: [identitySecretInProduction],
});

export const configSchema = settings.schema;
export type AuditConfig = ConfigOf<typeof settings.settings>;

/** The only place the audit service (and `npm run audit:verify`) reads its environment. */
export const readConfig = (): AuditConfig => settings.load(process.env);
