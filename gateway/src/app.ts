import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin, ApolloServerOptions } from '@apollo/server';
import { maskErrors, tracingPlugin, uncacheableMutationsPlugin, type Logger } from '@tributary/service-kit';
import type { GatewayContext } from './context.ts';
import { closePlanSpan, planSpanPlugin } from './gateway-tracing.ts';
import { hotReload, type HotReload } from './hot-reload.ts';
import type { GatewayResilience } from './resilience.ts';
import { SubgraphDataSource, type SubgraphHeadersHook } from './subgraph-data-source.ts';
import type { SupergraphSource } from './supergraph-source.ts';

export interface GatewayAppOptions<TContext extends GatewayContext> {
  source: SupergraphSource;
  /** Subgraph name → URL, in place of the supergraph's routing URL. */
  subgraphUrls: Record<string, string>;
  watch: boolean;
  pollIntervalMs: number;
  introspection: boolean;
  logger: Logger;
  subgraphHeaders: SubgraphHeadersHook<TContext> | undefined;
  /** Signs the verified identity sent to each subgraph. */
  identitySecret: string | undefined;
  /** Timeouts, breakers and retries of the calls to each subgraph. */
  resilience: GatewayResilience;
  /** Where automatic persisted queries are kept, and for how long. */
  persistedQueries: ApolloServerOptions<TContext>['persistedQueries'];
  /** More Apollo Server plugins (response cache, cost summary). */
  plugins: ApolloServerPlugin<TContext>[];
}

/**
 * Apollo Server over an ApolloGateway whose supergraph comes from `source` and is reloaded in
 * place: plans each operation and fetches the subgraphs.
 */
export function createGatewayApp<TContext extends GatewayContext>(
  options: GatewayAppOptions<TContext>,
): { apollo: ApolloServer<TContext>; supergraph: HotReload } {
  const { logger, subgraphUrls } = options;
  const supergraph = hotReload(options);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.supergraphSdl,
    logger,
    experimental_didResolveQueryPlan: closePlanSpan,
    buildService: ({ name, url }) =>
      new SubgraphDataSource<TContext>(name, subgraphUrls[name] ?? url!, options.subgraphHeaders, options.resilience.forSubgraph(name), options.identitySecret),
  });
  const apollo = new ApolloServer<TContext>({
    gateway,
    introspection: options.introspection,
    persistedQueries: options.persistedQueries,
    plugins: [uncacheableMutationsPlugin, tracingPlugin, planSpanPlugin, ...options.plugins],
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(logger),
    logger,
    // Our own shutdown drains HTTP first; Apollo would re-raise the signal and kill the process.
    stopOnTerminationSignals: false,
  });
  return { apollo, supergraph };
}
