import { z } from 'zod';
import { MIN_SECRET_LENGTH } from './identity/identity.ts';
import type { Setting } from './settings/settings.ts';

export { ConfigError } from './settings/settings.ts';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Types of settings several services share. */
export const settingTypes = {
  port: z.coerce.number().int().min(0).max(65535),
  logLevel: z.enum(logLevels),
  nodeEnv: z.enum(['development', 'production', 'test']),
  seedProfile: z.enum(['none', 'small', 'large']),
  /** `true` or `false`, nothing else. */
  boolean: z.enum(['true', 'false']).transform((value) => value === 'true'),
  /** `true`/`false`, `1`/`0`, `on`/`off` or `yes`/`no`. */
  switch: z.enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no']).transform((value) => ['true', '1', 'on', 'yes'].includes(value)),
  httpUrl: z.url({ protocol: /^https?$/ }),
  redisUrl: z.url(),
  postgresUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  keyPrefix: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  identitySecret: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`),
  dynamoTable: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/),
  tracingBackend: z.enum(['xray', 'otel']),
};

/** What every service honours. Each service gives `PORT` its own default. */
export const baseEnv = {
  PORT: { type: settingTypes.port, description: 'HTTP port; `0` picks a free one.' },
  LOG_LEVEL: {
    type: settingTypes.logLevel,
    default: 'info',
    description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; logs are JSON lines (pino) on stdout.',
  },
  NODE_ENV: {
    type: settingTypes.nodeEnv,
    default: 'development',
    description: '`production` turns introspection and `extensions.chattiness` off.',
  },
  REDIS_URL: { type: settingTypes.redisUrl, description: 'Redis for the entity cache; unset: an in-process LRU.' },
  AWS_REGION: { type: z.string().min(1), default: 'us-east-1', description: 'Region of the AWS clients.' },
  AWS_XRAY_DAEMON_ADDRESS: {
    type: z.string().min(1),
    default: '127.0.0.1:2000',
    description: 'Where X-Ray segments go by UDP (`host:port` or `udp:host:port tcp:host:port`); `npm run traces` listens there.',
  },
  TRACING_BACKEND: {
    type: settingTypes.tracingBackend,
    default: 'xray',
    description: '`xray`: the X-Ray SDK, segments by UDP to the daemon; `otel`: OpenTelemetry, spans by OTLP/HTTP to a collector (see Tracing).',
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    type: settingTypes.httpUrl,
    default: 'http://localhost:4318',
    description: 'Where OpenTelemetry spans go, OTLP/HTTP protobuf (`/v1/traces` is appended): the ADOT collector on AWS; `npm run traces` listens there.',
  },
  SEED_PROFILE: {
    type: settingTypes.seedProfile,
    default: 'none',
    description: '`none`, `small` or `large`: seed the service\'s own store when it is empty.',
  },
  TRACING_ENABLED: {
    type: settingTypes.boolean,
    default: true,
    description: '`false`: no spans are made or sent and no tracing SDK is loaded (trace ids still reach logs, errors and responses).',
  },
  XRAY_SAMPLING_RATE: { type: z.coerce.number().min(0).max(1), default: 0.05, description: 'Fraction of requests traced beyond the reservoir.' },
  XRAY_SAMPLING_RESERVOIR: { type: z.coerce.number().int().min(0).max(10_000), default: 1, description: 'Requests per second always traced.' },
  IDENTITY_SIGNING_SECRET: {
    type: settingTypes.identitySecret,
    description:
      'HMAC-SHA256 key (32+ characters) shared by the gateway and every subgraph: the gateway signs the caller\'s verified identity with it, subgraphs verify it. Unset, a subgraph serves anonymous callers only; required in production.',
  },
} as const satisfies Record<string, Setting>;

/**
 * A subgraph's check across names: in production it must be able to verify identities, or every
 * signed-in request would be refused.
 */
export function identitySecretInProduction(config: { NODE_ENV: string; IDENTITY_SIGNING_SECRET?: string | undefined }): string[] {
  return config.NODE_ENV === 'production' && !config.IDENTITY_SIGNING_SECRET ? ['IDENTITY_SIGNING_SECRET: is required in production'] : [];
}

/** What a service that owns a PostgreSQL schema honours. */
export const postgresEnv = {
  DATABASE_URL: {
    type: settingTypes.postgresUrl,
    required: true,
    description: 'PostgreSQL URL. Each service keeps its tables in its own schema.',
  },
  DATABASE_POOL_MAX: { type: z.coerce.number().int().min(1).max(100), default: 10, description: 'Pool size (`npm start` sets `1` against PGlite).' },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    type: z.coerce.number().int().min(100).max(600_000),
    default: 5_000,
    description: 'PostgreSQL cancels a longer statement; the client gives up a second later.',
  },
} as const satisfies Record<string, Setting>;

/** What a service that owns DynamoDB tables honours. */
export const dynamoEnv = {
  DYNAMODB_ENDPOINT: {
    type: z.url(),
    shownDefault: 'none (AWS itself)',
    description: 'A local DynamoDB endpoint (dynalite, DynamoDB Local); tables are created at start only when this is set.',
  },
  DYNAMODB_MAX_ATTEMPTS: {
    type: z.coerce.number().int().min(1).max(10),
    default: 3,
    description:
      'Attempts per DynamoDB command, the first included: throttling, 5xx and network errors are retried (standard mode: exponential backoff with jitter, within the SDK\'s retry quota).',
  },
  DYNAMODB_REQUEST_TIMEOUT_MS: {
    type: z.coerce.number().int().min(100).max(60_000),
    default: 2_000,
    description: 'No DynamoDB attempt waits longer than this for its response.',
  },
} as const satisfies Record<string, Setting>;

/** What a service that writes domain events honours: its outbox relay publishes them to the stream. */
export const eventsEnv = {
  EVENT_STREAM_NAME: {
    type: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/),
    default: 'tributary-events',
    description: 'The Kinesis data stream domain events are published to (and the audit service reads).',
  },
  KINESIS_ENDPOINT: {
    type: z.url(),
    shownDefault: 'none (AWS itself)',
    description: 'A local Kinesis endpoint (kinesalite, which `npm start` runs); the stream is created at start only when this is set.',
  },
  EVENT_RELAY_INTERVAL_MS: {
    type: z.coerce.number().int().min(50).max(60_000),
    default: 1_000,
    description: 'How often the outbox relay looks for events not yet published (a write publishes its own at once).',
  },
} as const satisfies Record<string, Setting>;

/** What the entity cache and the loaders above it honour (every subgraph). */
export const cacheEnv = {
  CACHE_ENABLED: { type: settingTypes.switch, default: true, description: '`false`: no entity cache, every lookup goes to the store (benchmarks of a naive implementation).' },
  BATCHING_ENABLED: { type: settingTypes.switch, default: true, description: '`false`: DataLoaders still deduplicate but send one store request per key.' },
  REDIS_COMMAND_TIMEOUT_MS: { type: z.coerce.number().int().min(10).max(10_000), default: 250, description: 'A slower Redis command counts as a miss (bypass).' },
  CACHE_MAX_ENTRIES: { type: z.coerce.number().int().min(100).max(10_000_000), default: 50_000, description: 'Bound of the in-process LRU used without `REDIS_URL`.' },
  CACHE_NEGATIVE_TTL_SECONDS: { type: z.coerce.number().int().min(1).max(3_600), default: 30, description: 'How long "no such entity" is cached.' },
  CACHE_KEY_PREFIX: {
    type: settingTypes.keyPrefix,
    default: 'tributary',
    description: 'Starts every cache key, so deployments (or test runs) sharing one Redis keep apart.',
  },
} as const satisfies Record<string, Setting>;

/** A per-entity-type cache TTL in seconds. */
export const cacheTtl = (seconds: number, description: string) =>
  ({ type: z.coerce.number().int().min(1).max(86_400), default: seconds, description }) satisfies Setting;

/** The GraphQL endpoint of another service this one calls. */
export const serviceUrl = (fallback: string, description: string) => ({ type: settingTypes.httpUrl, default: fallback, description }) satisfies Setting;
