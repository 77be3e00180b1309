import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { startChild, stopChildren, type Child } from './children.ts';
import type { StackConfig } from './config.ts';
import { createDevIssuer, type DevIssuer } from './dev-issuer.ts';
import { ideDefaultHeaders } from './ide-headers.ts';
import { serveJwks } from './dev-jwks-server.ts';
import { startEmbeddedDynamo } from './embedded-dynamodb.ts';
import { startEmbeddedKinesis } from './embedded-kinesis.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { roster, startGroups, STOREFRONT_GATEWAY_LIMITS, subgraphUrlVar, type RosterEntry, type SubgraphName } from '@tributary/schema';
import { devSignIn } from './site/dev-sign-in.ts';
import { serveSite, spaManifestPath } from './site/site.ts';
import { startTraceCollector } from '@tributary/traces';

export type { SubgraphName };

/** placeOrder runs a whole saga (three services, several writes) in one request: more than a read's 5 s. */
export const ORDERS_TIMEOUT = { SUBGRAPH_ORDERS_TIMEOUT_MS: '30000' };
export type ServiceName = SubgraphName | 'gateway';

const entry = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const optional = (name: string, value: string | undefined): Record<string, string> => (value === undefined ? {} : { [name]: value });

export interface Stack {
  gatewayUrl: string;
  /** The storefront SPA, with `/graphql` and the development sign-in on the same origin. */
  siteUrl: string;
  /** The local trace viewer, when traces are not going to a configured X-Ray daemon or OTLP collector. */
  tracesUrl: string | undefined;
  subgraphUrls: Record<SubgraphName, string>;
  embedded: { postgres: boolean; dynamodb: boolean; kinesis: boolean };
  /** The event stream every service publishes to, and where it is. */
  events: { streamName: string; kinesisEndpoint: string };
  /** Where the services' stores are, embedded or configured: for tests that reconcile them. */
  stores: { databaseUrl: string; dynamodbEndpoint: string };
  /** Mints tokens the gateway accepts. */
  issuer: DevIssuer;
  /** Kills one service at once (SIGKILL: no drain), as a crash would; `restart` brings it back. */
  kill(name: ServiceName): Promise<void>;
  /**
   * Stops one service gracefully if it runs, then starts it again on the same port and settings,
   * with `env` changing some of them (and kept for later restarts).
   */
  restart(name: ServiceName, env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Puts something between the gateway and a subgraph (e.g. a proxy adding network latency in
   * benchmarks): receives the subgraph's URL, returns the one the gateway should use.
   */
  routeToSubgraph?: (name: SubgraphName, url: string) => Promise<string>;
  /**
   * Whose tokens the gateway accepts (its public key is served as the gateway's JWKS).
   * @default a fresh key pair in memory
   */
  issuer?: DevIssuer;
}

/**
 * Starts the stores (embedded unless configured), the roster's subgraphs and the gateway, each
 * service as its own process. Resolves when the gateway listens; stop() tears it all down.
 */
export async function launchStack(config: StackConfig, inherited: Record<string, string>, options: LaunchOptions = {}): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const children: Child[] = [];
  // How each service was started, to start it again on the same port.
  const launched = new Map<ServiceName, { entry: string; env: Record<string, string>; port: number }>();
  const running = (name: ServiceName) => children.find((child) => child.name === name);
  const launch = async (name: ServiceName, entryPath: string, env: Record<string, string>) => {
    const child = await startChild(name, entryPath, env);
    children.push(child);
    launched.set(name, { entry: entryPath, env, port: child.port });
    return child;
  };
  const halt = async (name: ServiceName, how: 'kill' | 'stop') => {
    const child = running(name);
    if (!child) return;
    children.splice(children.indexOf(child), 1);
    if (how === 'stop') return stopChildren([child]);
    if (child.process.exitCode !== null || child.process.signalCode !== null) return;
    const exited = new Promise((resolve) => child.process.once('exit', resolve));
    child.process.kill('SIGKILL');
    await exited;
  };
  const stop = async () => {
    await stopChildren(children.splice(0));
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const postgres = config.DATABASE_URL ? undefined : await startEmbeddedPostgres();
    if (postgres) cleanups.push(postgres.stop);
    const dynamo = config.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamo();
    if (dynamo) cleanups.push(dynamo.stop);
    const kinesis = config.KINESIS_ENDPOINT ? undefined : await startEmbeddedKinesis();
    if (kinesis) cleanups.push(kinesis.stop);
    // Unless the chosen backend's destination is configured, the viewer takes both kinds, on
    // any free UDP and OTLP ports, so a daemon on 2000 or a collector on 4318 is left alone.
    const destination = config.TRACING_BACKEND === 'otel' ? config.OTEL_EXPORTER_OTLP_ENDPOINT : config.AWS_XRAY_DAEMON_ADDRESS;
    const traces = destination
      ? undefined
      : await startTraceCollector({ udpAddress: '127.0.0.1:0', otlpPort: 0, httpPort: config.PORT === 0 ? 0 : config.TRACES_PORT });
    if (traces) cleanups.push(traces.stop);
    const issuer = options.issuer ?? (await createDevIssuer());
    const jwks = await serveJwks(() => issuer.jwks);
    cleanups.push(jwks.stop);

    const common: Record<string, string> = {
      ...inherited,
      LOG_LEVEL: config.LOG_LEVEL,
      NODE_ENV: config.NODE_ENV,
      SEED_PROFILE: config.SEED_PROFILE,
      AWS_REGION: config.AWS_REGION,
      TRACING_BACKEND: config.TRACING_BACKEND,
      ...optional('AWS_XRAY_DAEMON_ADDRESS', traces?.udpAddress ?? config.AWS_XRAY_DAEMON_ADDRESS),
      ...optional('OTEL_EXPORTER_OTLP_ENDPOINT', traces?.otlpUrl ?? config.OTEL_EXPORTER_OTLP_ENDPOINT),
      XRAY_SAMPLING_RATE: String(config.XRAY_SAMPLING_RATE),
      // New each launch: every service of this stack trusts the identities its gateway signs, no other.
      IDENTITY_SIGNING_SECRET: randomBytes(32).toString('base64url'),
      ...(config.REDIS_URL ? { REDIS_URL: config.REDIS_URL } : {}),
      // Every service publishes its domain events to the one stream (each creates it if absent).
      EVENT_STREAM_NAME: config.EVENT_STREAM_NAME,
      KINESIS_ENDPOINT: kinesis?.endpoint ?? config.KINESIS_ENDPOINT!,
    };
    const port = (offset: number) => String(config.PORT === 0 ? 0 : config.PORT + offset);
    const database = {
      DATABASE_URL: postgres?.url ?? config.DATABASE_URL!,
      // PGlite is one backend session: one connection per service keeps sessions from interleaving.
      ...(postgres ? { DATABASE_POOL_MAX: '1' } : {}),
    };
    const dynamodb = { DYNAMODB_ENDPOINT: dynamo?.endpoint ?? config.DYNAMODB_ENDPOINT! };

    const stores = { postgres: database, dynamodb };
    const started = new Map<SubgraphName, string>();
    const start = async ({ name, portOffset, store, calls }: RosterEntry<SubgraphName>) => {
      const callees = Object.fromEntries(calls.map((callee) => [subgraphUrlVar(callee), started.get(callee)!]));
      const child = await launch(name, entry(`subgraphs/${name}/src/main.ts`), { ...common, PORT: port(portOffset), ...stores[store], ...callees });
      started.set(name, `http://localhost:${child.port}/graphql`);
    };
    // Each group starts once the subgraphs it calls (products, for inventory and reviews) listen.
    for (const group of startGroups()) await Promise.all(group.map(start));
    const subgraphUrls = Object.fromEntries(roster.map(({ name }) => [name, started.get(name)!])) as Record<SubgraphName, string>;
    const routed = await Promise.all(
      roster.map(async ({ name }) => [subgraphUrlVar(name), (await options.routeToSubgraph?.(name, subgraphUrls[name])) ?? subgraphUrls[name]]),
    );
    const auth = { AUTH_JWKS_URL: jwks.url, AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience };
    const supergraph = { SUPERGRAPH_PATH: entry('schema/supergraph.graphql') };
    // No IDE in production, so no token for it either.
    const ide = config.NODE_ENV === 'production' ? {} : { IDE_DEFAULT_HEADERS: await ideDefaultHeaders(issuer) };
    // The SPA's operations are known to the gateway from the start, so its first screen is one
    // request; unless asked to run only them, other operations still run.
    const persisted = existsSync(spaManifestPath) ? { PERSISTED_OPERATIONS_PATH: spaManifestPath, PERSISTED_OPERATIONS_ONLY: String(config.PERSISTED_OPERATIONS_ONLY) } : {};
    // The storefront's limits, as compose and AWS run it; set in the environment, a limit wins.
    const gateway = await launch('gateway', entry('gateway/src/main.ts'), {
      ...STOREFRONT_GATEWAY_LIMITS,
      ...common,
      ...auth,
      ...supergraph,
      ...ide,
      ...persisted,
      ...ORDERS_TIMEOUT,
      PORT: port(0),
      ...Object.fromEntries(routed),
    });
    const gatewayUrl = `http://localhost:${gateway.port}/graphql`;
    const site = await serveSite({ port: config.PORT === 0 ? 0 : config.WEB_PORT, gatewayUrl, signIn: devSignIn(issuer) });
    cleanups.push(site.stop);
    return {
      gatewayUrl,
      siteUrl: site.url,
      tracesUrl: traces?.httpUrl,
      subgraphUrls,
      embedded: { postgres: Boolean(postgres), dynamodb: Boolean(dynamo), kinesis: Boolean(kinesis) },
      events: { streamName: config.EVENT_STREAM_NAME, kinesisEndpoint: common.KINESIS_ENDPOINT! },
      stores: { databaseUrl: database.DATABASE_URL, dynamodbEndpoint: dynamodb.DYNAMODB_ENDPOINT },
      issuer,
      kill: (name) => halt(name, 'kill'),
      async restart(name, changes = {}) {
        await halt(name, 'stop');
        const { entry: entryPath, env, port: previous } = launched.get(name)!;
        await launch(name, entryPath, { ...env, ...changes, PORT: String(previous) });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
