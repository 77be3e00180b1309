import { defineSettings, settingTypes, type ConfigOf } from '@tributary/service-kit';
import { z } from 'zod';

export const settings = defineSettings({
  service: 'npm start',
  settings: {
    PORT: {
      type: z.coerce.number().int().min(0).max(65530),
      default: 4000,
      description: "The gateway's port; each subgraph takes the gateway's plus its roster offset (accounts 1, products 2, inventory 3, reviews 4, orders 5, payments 6, audit 7). `0`: any free ports.",
    },
    LOG_LEVEL: { type: settingTypes.logLevel, default: 'info', description: "Every service's log level." },
    NODE_ENV: { type: settingTypes.nodeEnv, default: 'development', description: "Every service's `NODE_ENV`." },
    SEED_PROFILE: { type: settingTypes.seedProfile, default: 'small', description: 'What each service seeds its store with when it is empty: `none`, `small` or `large`.' },
    DATABASE_URL: {
      type: settingTypes.postgresUrl,
      shownDefault: 'none (an embedded PGlite)',
      description: 'A PostgreSQL server for accounts, reviews, orders and audit (each in its own schema).',
    },
    DYNAMODB_ENDPOINT: { type: z.url(), shownDefault: 'none (an embedded dynalite)', description: 'A DynamoDB endpoint for products, inventory and payments.' },
    KINESIS_ENDPOINT: { type: z.url(), shownDefault: 'none (an embedded kinesalite)', description: 'A Kinesis endpoint for the event stream every service publishes to.' },
    EVENT_STREAM_NAME: {
      type: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/),
      default: 'tributary-events',
      description: 'The Kinesis stream of domain events (created at start); the audit service reads it.',
    },
    AWS_REGION: { type: z.string().min(1), default: 'us-east-1', description: 'Region of the DynamoDB and Kinesis clients.' },
    REDIS_URL: { type: settingTypes.redisUrl, shownDefault: 'none (each service caches in process)', description: 'Redis for every cache.' },
    TRACING_BACKEND: {
      type: settingTypes.tracingBackend,
      default: 'xray',
      description: 'Which SDK every service traces with: `xray` (segments by UDP) or `otel` (OpenTelemetry, OTLP/HTTP); the local viewer takes both.',
    },
    AWS_XRAY_DAEMON_ADDRESS: {
      type: z.string().min(1),
      shownDefault: 'none (the local trace viewer)',
      description: "A real X-Ray daemon's address, instead of the local trace viewer `npm start` runs.",
    },
    OTEL_EXPORTER_OTLP_ENDPOINT: {
      type: settingTypes.httpUrl,
      shownDefault: 'none (the local trace viewer)',
      description: "With `TRACING_BACKEND=otel`: a real OTLP collector's URL, instead of the local trace viewer `npm start` runs.",
    },
    TRACES_PORT: { type: settingTypes.port, default: 2999, description: "Port of the local trace viewer's pages; `0`: any free port." },
    XRAY_SAMPLING_RATE: {
      type: z.coerce.number().min(0).max(1),
      default: 1,
      description: "Locally every request is traced; the services' own default is X-Ray's 1/s + 5 %.",
    },
    PERSISTED_OPERATIONS_ONLY: {
      type: settingTypes.boolean,
      default: false,
      description: '`true`: the gateway runs only the built SPA\'s manifest (and clients/), as in production; `false`: it preloads them and runs other operations too.',
    },
    WEB_PORT: { type: settingTypes.port, default: 3000, description: 'Port of the storefront SPA (and its development sign-in, on 127.0.0.1); `0`: any free port.' },
    DEV_ISSUER_FILE: {
      type: z.string().min(1),
      default: new URL('../../.tributary/dev-issuer.json', import.meta.url).pathname,
      shownDefault: '.tributary/dev-issuer.json',
      description: "The development issuer's key pair (`npm start`, `npm run token`), made on first use. Git-ignored.",
    },
  },
});

export const configSchema = settings.schema;
export type StackConfig = ConfigOf<typeof settings.settings>;

/** The only place the launcher reads its environment. */
export const readConfig = (): StackConfig => settings.load(process.env);

/** The environment children inherit (PATH and the like), besides what the launcher sets. */
export const inheritedEnv = (): Record<string, string> =>
  Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
