import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createTracer, labelMetrics, maskErrors, tracingPlugin, uncacheableMutationsPlugin, runService, type Logger, type RunningService } from '@tributary/service-kit';
import { chattinessPlugin } from './chattiness.ts';
import { closePlanSpan, planSpanPlugin } from './gateway-tracing.ts';
import { createGatewayCaches } from './gateway-caches.ts';
import { extractSubgraphsFromSupergraphSdl } from './supergraph.ts';
import type { GatewayConfig } from './config.ts';
import { gatewayContext, type GatewayContext } from './context.ts';
import { subgraphReadiness } from './readiness.ts';
import { SubgraphDataSource } from './subgraph-data-source.ts';

/** Serves the composed supergraph: plans each operation and fetches the subgraphs. */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningService> {
  const supergraphSdl = await readFile(config.SUPERGRAPH_PATH, 'utf8');
  const urls = Object.fromEntries(
    extractSubgraphsFromSupergraphSdl(supergraphSdl).map(({ name, url }) => [name, config.subgraphUrls[name] ?? url]),
  );
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    experimental_didResolveQueryPlan: closePlanSpan,
    buildService: ({ name, url }) => new SubgraphDataSource(name, urls[name] ?? url!),
  });
  labelMetrics('gateway');
  const caches = createGatewayCaches(config, logger);
  const production = config.NODE_ENV === 'production';
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    persistedQueries: caches.persistedQueries,
    plugins: [uncacheableMutationsPlugin, tracingPlugin, planSpanPlugin, ...caches.plugins, ...(production ? [] : [chattinessPlugin])],
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(logger),
    logger,
    // Our own shutdown drains HTTP first; Apollo would re-raise the signal and kill the process.
    stopOnTerminationSignals: false,
  });
  logger.info({ subgraphs: urls }, 'serving supergraph');
  return runService<GatewayContext>({
    name: 'gateway',
    tracer: createTracer('gateway', config, logger),
    port: config.PORT,
    logger,
    apollo,
    context: gatewayContext,
    readiness: subgraphReadiness(urls, config.READINESS_TIMEOUT_MS),
    close: caches.close,
  });
}
