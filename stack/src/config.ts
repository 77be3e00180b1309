import { loadConfig } from '@tributary/service-kit';
import { z } from 'zod';

export const configSchema = z.object({
  /** Gateway port; subgraphs take the next four (accounts, products, inventory, reviews). 0: any free ports. */
  PORT: z.coerce.number().int().min(0).max(65530).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SEED_PROFILE: z.enum(['none', 'small', 'large']).default('small'),
  /** Unset: an embedded PGlite. Set: that PostgreSQL, for both accounts and reviews. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /** Unset: an embedded dynalite. Set: that DynamoDB endpoint. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Unset: each service caches in process. */
  REDIS_URL: z.url().optional(),
  /** Which SDK the services trace with: `xray` (segments by UDP) or `otel` (OTLP/HTTP). */
  TRACING_BACKEND: z.enum(['xray', 'otel']).default('xray'),
  /** Unset: a local trace viewer receives the segments (a real X-Ray daemon's address otherwise). */
  AWS_XRAY_DAEMON_ADDRESS: z.string().min(1).optional(),
  /** With the otel backend, unset: the local trace viewer receives the spans (a real collector's URL otherwise). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Port of the local trace viewer's pages; 0: any free port. */
  TRACES_PORT: z.coerce.number().int().min(0).max(65535).default(2999),
  /** Locally every request is traced; the services' own default is X-Ray's 1/s + 5 %. */
  XRAY_SAMPLING_RATE: z.coerce.number().min(0).max(1).default(1),
  /** `true`: the gateway runs only the built SPA's manifest (and clients/), as in production. */
  PERSISTED_OPERATIONS_ONLY: z.enum(['true', 'false']).default('false'),
  /** Port of the storefront SPA (and its development sign-in, on 127.0.0.1); 0: any free port. */
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The development issuer's key pair (`npm start`, `npm run token`); made on first use. Git-ignored. */
  DEV_ISSUER_FILE: z.string().min(1).default(new URL('../../.tributary/dev-issuer.json', import.meta.url).pathname),
});

export type StackConfig = z.infer<typeof configSchema>;

/** The only place the launcher reads its environment. */
export const readConfig = (): StackConfig => loadConfig(configSchema, process.env);

/** The environment children inherit (PATH and the like), besides what the launcher sets. */
export const inheritedEnv = (): Record<string, string> =>
  Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
