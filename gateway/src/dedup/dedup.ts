import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { deduplicatedRequests } from '@tributary/service-kit';
import { dedupKey, isShareable } from './dedup-key.ts';
import { InFlight } from './in-flight.ts';

export { dedupKey, isShareable, type OperationIdentity } from './dedup-key.ts';
export { InFlight } from './in-flight.ts';
export { stringifySharedResult } from './shared-serialization.ts';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
export type GatewayRequestContext = Parameters<GatewayExecutor>[0];
type GatewayResult = Awaited<ReturnType<GatewayExecutor>>;

export interface DeduplicationOptions<TContext> {
  /**
   * Everything besides the operation and the viewer that the subgraph requests of this client
   * request would carry (e.g. the headers a `subgraphHeaders` hook adds): part of the key.
   */
  forwarded: (context: TContext) => unknown;
  /** Runs for each request that joined another's execution, in its own request scope. */
  joined?: (requestContext: GatewayRequestContext) => void;
}

interface Shared {
  result: GatewayResult;
  /** The cache policy the execution left on its request (from the subgraphs' Cache-Control). */
  cachePolicy: { maxAge?: number; scope?: string };
}

/**
 * Identical queries in flight at the same moment share one execution: the first runs it, the
 * others get the same result, whose `data` object is the very same, so its JSON is written once
 * (`stringifySharedResult`). Wraps any gateway's executor (Apollo's or ours) behind Apollo
 * Server's gateway interface; loading, schema updates and stopping go to the wrapped gateway.
 */
export function deduplicatingGateway<TContext>(gateway: GatewayInterface, options: DeduplicationOptions<TContext>): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    async load(config) {
      const loaded = await gateway.load(config);
      return { ...loaded, executor: loaded.executor && deduplicate(loaded.executor, options) };
    },
    stop: () => gateway.stop(),
  };
}

function deduplicate<TContext>(executor: GatewayExecutor, options: DeduplicationOptions<TContext>): GatewayExecutor {
  const inFlight = new InFlight<Shared>();
  return async (requestContext) => {
    if (!isShareable(requestContext)) return executor(requestContext);
    const key = dedupKey({
      schema: requestContext.schema,
      queryHash: requestContext.queryHash,
      document: requestContext.document,
      operation: requestContext.operation,
      operationName: requestContext.request.operationName,
      variables: requestContext.request.variables,
      viewer: (requestContext.context as { viewer?: unknown }).viewer,
      forwarded: await options.forwarded(requestContext.context as TContext),
    });
    const { promise, shared } = inFlight.run(key, async () => {
      const result = await executor(requestContext);
      const { maxAge, scope } = requestContext.overallCachePolicy as Shared['cachePolicy'];
      return { result, cachePolicy: { maxAge, scope } };
    });
    deduplicatedRequests.inc({ layer: 'inbound', outcome: shared ? 'shared' : 'executed' });
    const { result, cachePolicy } = await promise;
    if (!shared) return result;
    options.joined?.(requestContext);
    // What the subgraphs' Cache-Control told the executing request holds for this one too.
    (requestContext.overallCachePolicy as { restrict(hint: Shared['cachePolicy']): void }).restrict(cachePolicy);
    // Plugins may add extensions to their own response: each gets its own object, `data` stays shared.
    return { ...result, ...(result.extensions ? { extensions: { ...result.extensions } } : {}) };
  };
}
