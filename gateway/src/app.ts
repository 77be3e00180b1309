import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { maskErrors, runService, type Logger, type RunningService } from '@tributary/service-kit';
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
    buildService: ({ name, url }) => new SubgraphDataSource({ url: urls[name] ?? url }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(logger),
    logger,
    // Our own shutdown drains HTTP first; Apollo would re-raise the signal and kill the process.
    stopOnTerminationSignals: false,
  });
  logger.info({ subgraphs: urls }, 'serving supergraph');
  return runService<GatewayContext>({
    name: 'gateway',
    port: config.PORT,
    logger,
    apollo,
    context: gatewayContext,
    readiness: subgraphReadiness(urls, config.READINESS_TIMEOUT_MS),
  });
}
