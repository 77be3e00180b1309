import { z } from 'zod';

/** Env names every service honours (see the README's configuration table). */
export const baseEnv = {
  PORT: z.coerce.number().int().min(0).max(65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  REDIS_URL: z.url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  AWS_XRAY_DAEMON_ADDRESS: z.string().min(1).default('127.0.0.1:2000'),
  SEED_PROFILE: z.enum(['none', 'small', 'large']).default('none'),
};

/** Env names of a service that owns a PostgreSQL schema. */
export const postgresEnv = {
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
};

/** Env names of a service that owns DynamoDB tables. */
export const dynamoEnv = {
  /** Unset means AWS itself; set (e.g. dynalite, DynamoDB Local) means tables are created at start. */
  DYNAMODB_ENDPOINT: z.url().optional(),
};

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
