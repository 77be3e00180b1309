import type { IncomingMessage } from 'node:http';
import { createGraphQLServer } from '../../graphql/graphql-server.ts';
import { readinessOf } from '../../http/readiness.ts';
import { identityVerifier } from '../../identity/identity-verifier.ts';
import { serve } from '../../lifecycle/serve.ts';
import { runService, type RunningService } from '../../lifecycle/service.ts';
import type { Identity } from '../../identity/signed-identity.ts';
import type { Logger } from '../../observability/logger.ts';
import { labelMetrics } from '../../observability/metrics.ts';
import { createTracer } from '../../observability/tracing.ts';
import { createEntityCache } from '../cache/create-cache.ts';
import { loadSubgraphSchema } from '../schema/schema.ts';
import { requestContext } from './request-context.ts';
import type { AnySubgraphContext, SubgraphConfig, SubgraphDefinition, Worker } from './subgraph-definition.ts';

/**
 * Serves a subgraph: opens its store, seeds it when asked and empty, builds the entity cache and
 * each request's context (loaders, viewer, cache), and serves the schema from its SDL over the
 * shared HTTP front, with tracing, metrics, the gateway's signed identity and graceful drain.
 */
export async function startSubgraph<TConfig extends SubgraphConfig, TContext extends AnySubgraphContext>(
  definition: SubgraphDefinition<TConfig, TContext>,
  config: TConfig,
  logger: Logger,
): Promise<RunningService> {
  const { name, sdlPath } = definition;
  labelMetrics(name);
  const { store, checks, close } = await definition.openStore(config, logger);
  const cache = createEntityCache(name, config, logger, { sdlPath, version: definition.cacheShapeVersion ?? 1 });
  let worker: Worker | undefined;
  const closeAll = async () => {
    await worker?.stop();
    await cache.store?.close();
    await close();
  };
  try {
    const profile = config.SEED_PROFILE as Exclude<TConfig['SEED_PROFILE'], 'none'>;
    if (definition.seed && profile !== 'none') {
      const seeded = await definition.seed(store, profile);
      if (seeded) logger.info({ rows: seeded, profile }, 'seeded');
    }
    const subgraphs = (definition.subgraphs?.(config) ?? {}) as TContext['subgraphs'];
    const contextFor = requestContext(definition, config, { store, cache: cache.cache, subgraphs });
    const context = async (_req: IncomingMessage, viewer: Identity | null) => contextFor(viewer);
    const production = config.NODE_ENV === 'production';
    const tracer = createTracer(name, config, logger);
    const service = await runService({
      name,
      port: config.PORT,
      logger,
      tracer,
      authenticate: identityVerifier(config.IDENTITY_SIGNING_SECRET, logger),
      apollo: createGraphQLServer({ name, schema: loadSubgraphSchema(sdlPath, definition.resolvers, definition.policies), logger, production }),
      context,
      readiness: readinessOf(checks),
      ...(config.METRICS_EMF ? { emf: { service: name } } : {}),
      close: closeAll,
    });
    worker = definition.worker?.(store, { config, logger, tracer, cache: cache.cache, subgraphs: subgraphs as TContext['subgraphs'] });
    return service;
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** A subgraph's main: serves it with its config until SIGTERM, exiting non-zero when it cannot start. */
export const serveSubgraph = <TConfig extends SubgraphConfig, TContext extends AnySubgraphContext>(
  definition: SubgraphDefinition<TConfig, TContext>,
  config: TConfig,
): Promise<void> => serve(definition.name, config, (c, logger) => startSubgraph(definition, c, logger));
