import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin, ApolloServerOptions } from '@apollo/server';
import { currentRequestScope, errorCodesPlugin, maskErrors, operationResolutionPlugin, tracingPlugin, uncacheableMutationsPlugin, type Logger } from '@tributary/service-kit';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './context.ts';
import { deduplicatingGateway, stringifySharedResult } from './dedup/dedup.ts';
import { documentLimitsRule, type DocumentLimits } from './limits/document-limits.ts';
import { closePlanSpan, planSpanPlugin } from './observability/plan-span.ts';
import { tributaryGateway } from './executor/executor.ts';
import { hotReload, type HotReload } from './supergraph/hot-reload.ts';
import type { GatewayResilience } from './upstream/upstream.ts';
import { forwardedHeaders } from './upstream/forwarded-headers.ts';
import { SubgraphDataSource, type SubgraphHeadersHook } from './upstream/subgraph-data-source.ts';
import type { SupergraphSource } from './supergraph/supergraph.ts';

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
  /** More Apollo Server plugins (response cache, cost summary, limits). */
  plugins: ApolloServerPlugin<TContext>[];
  /** Shape limits checked on each new document, and the parser's token limit. */
  limits: DocumentLimits & { maxTokens: number };
  /** Accept JSON arrays of operations (the HTTP front bounds their length). */
  batching: boolean;
  /** Who executes the plans: Tributary's executor or `@apollo/gateway`'s. */
  executor: 'tributary' | 'apollo';
  /** Tributary's executor: entity fetches ready at once for one subgraph go out as one request. */
  mergeFetches: boolean;
  /** Share identical queries in flight (one execution, one JSON answer); share identical subgraph calls. */
  deduplication: { queries: boolean; subgraphRequests: boolean };
}

/**
 * Masks errors as every service does and, with introspection off, also drops graphql's
 * "Did you mean …?" from every message (variable coercion errors included), since it names
 * fields and types the client did not know.
 */
function formatErrors(logger: Logger, introspection: boolean) {
  const mask = maskErrors(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const masked = mask(formatted, error);
    return introspection ? masked : { ...masked, message: masked.message.replace(/ ?Did you mean [^?]*\?/g, '') };
  };
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
  const apolloGateway = new ApolloGateway({
    supergraphSdl: supergraph.supergraphSdl,
    logger,
    experimental_didResolveQueryPlan: closePlanSpan,
    buildService: ({ name, url }) =>
      new SubgraphDataSource<TContext>(name, subgraphUrls[name] ?? url!, options.subgraphHeaders, options.resilience.forSubgraph(name), options.identitySecret),
  });
  const servedSubgraphs = () => (supergraph.current()?.subgraphs ?? []).map(({ name, url }) => ({ name, url: subgraphUrls[name] ?? url }));
  // Deduplication wraps whichever executor runs the plans, so a shared execution is either's.
  const executing = options.executor === 'tributary' ? tributaryGateway(apolloGateway, { mergeFetches: options.mergeFetches }) : apolloGateway;
  const gateway = options.deduplication.queries
    ? deduplicatingGateway(executing, {
        forwarded: forwardedHeaders(options.subgraphHeaders, servedSubgraphs),
        joined() {
          // The plan this request would have made was the shared execution's: its span ends here.
          closePlanSpan();
          currentRequestScope()?.span?.annotate('deduplicated', true);
        },
      })
    : executing;
  const apollo = new ApolloServer<TContext>({
    gateway,
    introspection: options.introspection,
    persistedQueries: options.persistedQueries,
    plugins: [operationResolutionPlugin, errorCodesPlugin, uncacheableMutationsPlugin, tracingPlugin, planSpanPlugin, ...options.plugins],
    parseOptions: { maxTokens: options.limits.maxTokens },
    validationRules: [documentLimitsRule(options.limits)],
    allowBatchedHttpRequests: options.batching,
    // csrfPrevention stays at Apollo's default (on): GETs and form-like POSTs need a preflight header.
    includeStacktraceInErrorResponses: false,
    formatError: formatErrors(logger, options.introspection),
    // Writes the same bytes as Apollo's own; a shared answer's data is written once for all.
    stringifyResult: stringifySharedResult,
    logger,
    // Our own shutdown drains HTTP first; Apollo would re-raise the signal and kill the process.
    stopOnTerminationSignals: false,
  });
  return { apollo, supergraph };
}
