import type { IncomingMessage, RequestListener } from 'node:http';
import {
  MIN_SECRET_LENGTH,
  connectRedis,
  createHttpServer,
  createLogger,
  drain,
  labelMetrics,
  listen,
  type Identity,
  type Readiness,
  type RunningService,
} from '@tributary/service-kit';
import { createGatewayApp } from './apollo-server.ts';
import { jwtAuthenticator } from './auth/auth.ts';
import { createGatewayCaches } from './caching/caching.ts';
import { settings } from './config.ts';
import type { GatewayContext } from './context.ts';
import { createIde } from './ide/ide.ts';
import { gatewayLimits } from './limits/limits.ts';
import { gatewayObservability } from './observability/observability.ts';
import type { GatewayOptions, ListenOptions } from './options.ts';
import { gatewayReadiness } from './readiness.ts';
import type { ReloadResult } from './supergraph/hot-reload.ts';
import { supergraphConfig, supergraphFile } from './supergraph/supergraph.ts';
import { createResilience } from './upstream/upstream.ts';

export interface Gateway {
  /**
   * A Node request listener serving `/graphql`, `/health`, `/ready` and `/metrics`: mount it in
   * your own server. Until `start()` has resolved, `/graphql` answers 503.
   */
  handler: RequestListener;
  /** Loads (or composes) the supergraph and starts watching it; rejects with a SupergraphError. */
  start(): Promise<void>;
  /** Starts the gateway and serves it on its own HTTP server. */
  listen(options?: ListenOptions): Promise<RunningService>;
  /** What `/ready` answers: a supergraph is loaded and every subgraph it names answers. */
  ready(): Promise<Readiness>;
  /** Loads the supergraph again now (as on SIGHUP); on failure the last good one stays served. */
  reload(reason?: string): Promise<ReloadResult>;
  /** Stops watching and polling; if listening, drains the requests in flight first. */
  stop(): Promise<void>;
}

/** A federation gateway over any supergraph, to run alone (`listen`) or inside your server (`handler`). */
export function createGateway<TExtra extends object = object>(options: GatewayOptions<TExtra> = {}): Gateway {
  type Context = GatewayContext & TExtra;
  if (options.supergraphPath && options.supergraphConfig) {
    throw new Error('Give a supergraph file or a supergraph config, not both');
  }
  if (!options.supergraphPath && !options.supergraphConfig) {
    throw new Error('Give a supergraph file (supergraphPath) or a supergraph config (supergraphConfig)');
  }
  if (options.authentication && !options.identitySecret) {
    throw new Error('authentication needs an identitySecret, to sign the identity sent to the subgraphs');
  }
  if (options.identitySecret !== undefined && options.identitySecret.length < MIN_SECRET_LENGTH) {
    throw new Error(`identitySecret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const resolved = settings.withDefaults(options);
  const logger = options.logger ?? createLogger('gateway', settings.settings.LOG_LEVEL.default);
  const { subgraphUrls } = resolved;
  const source = options.supergraphConfig ? supergraphConfig(options.supergraphConfig) : supergraphFile(options.supergraphPath!);
  labelMetrics('gateway');
  const redis = options.redisUrl ? connectRedis(options.redisUrl, { commandTimeoutMs: resolved.redisCommandTimeoutMs }) : undefined;
  const keyPrefix = resolved.cacheKeyPrefix;
  const limits = gatewayLimits(resolved, redis, keyPrefix, logger);
  const caches = createGatewayCaches({
    redis,
    responseCache: resolved.responseCache,
    apqTtlSeconds: resolved.apqTtlSeconds,
    keyPrefix,
    logger,
    preloaded: limits.preloadedOperations,
  });
  const observability = gatewayObservability(resolved, logger);
  const resilience = createResilience(resolved.resilience, logger, resolved.deduplication.subgraphRequests);
  const ide = createIde(options.ide ?? {}, resolved.introspection, logger);
  const { apollo, supergraph } = createGatewayApp<Context>({
    source,
    subgraphUrls,
    watch: resolved.watch,
    pollIntervalMs: resolved.pollIntervalMs,
    introspection: resolved.introspection,
    logger,
    subgraphHeaders: options.subgraphHeaders,
    identitySecret: options.identitySecret,
    resilience,
    persistedQueries: limits.persistedQueries ?? caches.persistedQueries,
    plugins: [...limits.plugins, ...caches.plugins, ...observability.plugins, ...limits.reportPlugins, ide.plugin],
    limits: limits.document,
    batching: limits.maxBatchSize > 0,
    executor: resolved.executor,
    mergeFetches: resolved.mergeFetches,
    deduplication: resolved.deduplication,
  });

  let started = false;
  const served = () =>
    started ? supergraph.current()?.subgraphs.map(({ name, url }) => ({ name, url: subgraphUrls[name] ?? url })) : undefined;
  const readiness = gatewayReadiness(served, resolved.readinessTimeoutMs);
  // The verified viewer comes last: no hook can put another user in the context.
  const context = async (req: IncomingMessage, viewer: Identity | null): Promise<Context> => {
    const built = { ...((await options.context?.(req)) as TExtra), viewer };
    // Before any GraphQL is parsed: a client over its limit costs us as little as possible.
    await limits.rateLimit(built, req);
    return built;
  };
  if (!options.authentication) logger.info('authentication is off: every request is anonymous');
  const http = createHttpServer<Context>({
    apollo,
    context,
    ...(resolved.authentication ? { authenticate: jwtAuthenticator(resolved.authentication, logger) } : {}),
    readiness,
    logger,
    tracer: observability.tracer,
    ...(resolved.metricsEmf ? { emf: { service: 'gateway', knownOperation: (name: string) => limits.operationNames.has(name) } } : {}),
    bodyLimit: resolved.bodyLimit,
    maxBatchSize: limits.maxBatchSize,
    cors: { allowedOrigins: resolved.corsAllowedOrigins },
    routes: ide.routes,
  });

  let starting: Promise<void> | undefined;
  const start = () =>
    (starting ??= Promise.all([apollo.start(), observability.tracer.ready()]).then(() => {
      started = true;
      logger.info({ subgraphs: served() }, `serving the ${source.description}`);
    }));

  let listening: { drainTimeoutMs: number } | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      http.draining = true;
      if (listening) await drain(http.server, listening.drainTimeoutMs);
      // Apollo can only stop what started; this also ends watching and polling.
      if (started) await apollo.stop();
      redis?.disconnect();
      await resilience.close();
      await observability.tracer.close();
      logger.info('gateway stopped');
    })());

  return {
    handler(req, res) {
      if (started || !req.url?.startsWith('/graphql')) return http.handler(req, res);
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
      res.end(JSON.stringify({ errors: [{ message: 'The gateway has not loaded a supergraph yet', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
    },
    start,
    async listen(given = {}) {
      const { port, host, drainTimeoutMs } = settings.withDefaults({ listen: given }).listen;
      await start();
      const bound = await listen(http.server, port, host);
      listening = { drainTimeoutMs };
      const url = `${bound.origin}/graphql`;
      logger.info({ url }, 'gateway listening');
      return { url, port: bound.port, stop };
    },
    ready: readiness,
    reload: (reason = 'reload requested') => supergraph.reload(reason),
    stop,
  };
}
