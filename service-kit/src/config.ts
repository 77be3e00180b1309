import { z } from 'zod';
import { MIN_SECRET_LENGTH } from './identity/identity.ts';

/** Env names every service honours (see the README's configuration table). */
export const baseEnv = {
  PORT: z.coerce.number().int().min(0).max(65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  REDIS_URL: z.url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  AWS_XRAY_DAEMON_ADDRESS: z.string().min(1).default('127.0.0.1:2000'),
  SEED_PROFILE: z.enum(['none', 'small', 'large']).default('none'),
  /** Off: no segments are made or sent (trace ids still reach logs and responses). */
  TRACING_ENABLED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Which SDK records the spans: the X-Ray SDK (segments by UDP to the daemon) or OpenTelemetry (OTLP to a collector). */
  TRACING_BACKEND: z.enum(['xray', 'otel']).default('xray'),
  /** Where the OpenTelemetry backend sends spans, OTLP/HTTP (`/v1/traces` is appended): the ADOT collector on AWS. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).default('http://localhost:4318'),
  /** Local sampling: this fraction of requests beyond the reservoir (X-Ray's default rule). */
  XRAY_SAMPLING_RATE: z.coerce.number().min(0).max(1).default(0.05),
  /** Local sampling: requests per second always traced. */
  XRAY_SAMPLING_RESERVOIR: z.coerce.number().int().min(0).max(10_000).default(1),
  /**
   * HMAC-SHA256 key shared by the gateway and every subgraph: the gateway signs the caller's
   * verified identity with it, subgraphs verify it. Unset, a subgraph serves anonymous callers only.
   */
  IDENTITY_SIGNING_SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
};

/**
 * A subgraph's check across names: in production it must be able to verify identities, or every
 * signed-in request would be refused. (Use as the config schema's `superRefine`.)
 */
export function identitySecretInProduction(
  config: { NODE_ENV: string; IDENTITY_SIGNING_SECRET?: string | undefined },
  context: z.RefinementCtx,
): void {
  if (config.NODE_ENV === 'production' && !config.IDENTITY_SIGNING_SECRET) {
    context.addIssue({ code: 'custom', path: ['IDENTITY_SIGNING_SECRET'], message: 'is required in production' });
  }
}

/** Env names of a service that owns a PostgreSQL schema. */
export const postgresEnv = {
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** The server cancels longer statements; the client gives up a second later. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
};

/** Env names of a service that owns DynamoDB tables. */
export const dynamoEnv = {
  /** Unset means AWS itself; set (e.g. dynalite, DynamoDB Local) means tables are created at start. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Attempts per DynamoDB command, the first included (throttling and 5xx are retried). */
  DYNAMODB_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** No DynamoDB attempt waits longer than this for its response. */
  DYNAMODB_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
};

const boolish = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'])
  .transform((value) => ['true', '1', 'on', 'yes'].includes(value));

/** Env names of the entity cache and the loaders above it (every subgraph). */
export const cacheEnv = {
  /** Off: every lookup goes to the store (for benchmarks of a naive implementation). */
  CACHE_ENABLED: boolish.default(true),
  /** Off: DataLoaders still deduplicate but send one store request per key. */
  BATCHING_ENABLED: boolish.default(true),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(250),
  /** Bound of the in-process LRU used when REDIS_URL is unset. */
  CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
  CACHE_NEGATIVE_TTL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  /** Starts every cache key: deployments (or test runs) sharing one Redis keep apart by it. */
  CACHE_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).default('tributary'),
};

/** A per-entity-type cache TTL in seconds. */
export const cacheTtl = (seconds: number) => z.coerce.number().int().min(1).max(86_400).default(seconds);

/** Absolute http(s) URL of another service's GraphQL endpoint. */
export const serviceUrl = (fallback: string) => z.url({ protocol: /^https?$/ }).default(fallback);

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/**
 * Validates the whole environment against one schema and reports every problem at once.
 * Values given as empty strings count as unset, so `FOO=` falls back to the default.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
  );
}

/** Like parseConfig, but prints the problems and exits non-zero: for a service's start. */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  try {
    return parseConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
