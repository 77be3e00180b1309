import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, currentRequestScope, inChildSpan, recordSubgraphLatency, signIdentity, type Logger } from '@tributary/service-kit';
import { recordSubgraphResponse } from '../observability/chattiness.ts';
import type { GatewayContext } from '../context.ts';
import { BufferedResponse } from './buffered-response.ts';
import { failureReason } from './subgraph-failure.ts';
import type { SubgraphPolicy } from './subgraph-policy.ts';
import { unavailableErrors } from './unavailable-errors.ts';

/** What a `subgraphHeaders` hook gets for each request the gateway sends to a subgraph. */
export interface SubgraphRequestInfo<TContext extends GatewayContext = GatewayContext> {
  /** The subgraph's name, as in the supergraph. */
  subgraph: string;
  /** Where the request goes. */
  url: string;
  /** The client request's context, as the `context` hook built it. */
  context: TContext;
}

/** Headers to add to one subgraph request; returning nothing adds none. */
export type SubgraphHeadersHook<TContext extends GatewayContext = GatewayContext> = (
  info: SubgraphRequestInfo<TContext>,
) => Record<string, string> | undefined | Promise<Record<string, string> | undefined>;

/** The trace headers each outgoing request carries, set in process() and applied in willSendRequest(). */
const traceHeaders = new WeakMap<object, Record<string, string>>();

type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0];

/** How one subgraph is called: its fetcher (keep-alive agent, timeout) and its breaker and retries. */
export interface SubgraphResilience {
  fetcher: RemoteGraphQLDataSource['fetcher'];
  policy: SubgraphPolicy;
  logger: Logger;
}

/** Mutations are never sent twice: a retry could apply one twice. */
const isIdempotent = (query: string | undefined) => !/^\s*mutation\b/.test(query ?? '');

/**
 * How the gateway talks to one subgraph: keep-alive HTTP with a timeout, a circuit breaker and
 * retries of queries, the request context the subgraphs need, the trace, and what each fetch
 * cost. When the subgraph is unavailable, the fields asked of it fail with their paths and the
 * rest of the response still comes back.
 */
export class SubgraphDataSource<TContext extends GatewayContext = GatewayContext> extends RemoteGraphQLDataSource<TContext> {
  readonly subgraph: string;
  readonly headersHook: SubgraphHeadersHook<TContext> | undefined;
  readonly resilience: SubgraphResilience;
  readonly identitySecret: string | undefined;

  constructor(
    subgraph: string,
    url: string,
    headersHook: SubgraphHeadersHook<TContext> | undefined,
    resilience: SubgraphResilience,
    identitySecret?: string,
  ) {
    super({ url, fetcher: resilience.fetcher });
    this.subgraph = subgraph;
    this.headersHook = headersHook;
    this.resilience = resilience;
    this.identitySecret = identitySecret;
  }

  /**
   * Each fetch is a subsegment of the gateway's segment; the subgraph continues the trace with
   * this subsegment as its parent (X-Amzn-Trace-Id and traceparent). The client's own trace
   * headers are never passed on raw.
   */
  override process(options: GraphQLDataSourceProcessOptions<TContext>): ReturnType<RemoteGraphQLDataSource<TContext>['process']> {
    return inChildSpan(this.subgraph, 'remote', async (span) => {
      span?.annotate('subgraph', this.subgraph);
      const headers = (span ?? currentRequestScope()?.span)?.headers();
      if (headers) traceHeaders.set(options.request, headers);
      const started = performance.now();
      try {
        const response = await this.resilience.policy.run(isIdempotent(options.request.query), () => super.process(options));
        span?.http({ method: 'POST', url: this.url ?? '' }, 200);
        return response;
      } catch (error) {
        const status = (error as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
        span?.http({ method: 'POST', url: this.url ?? '' }, status ?? 502);
        const reason = failureReason(error);
        if (!reason || !('incomingRequestContext' in options)) throw error;
        this.resilience.logger.warn({ subgraph: this.subgraph, reason, err: error }, `subgraph ${this.subgraph} unavailable`);
        return { errors: unavailableErrors(this.subgraph, reason, options.request) };
      } finally {
        recordSubgraphLatency(this.subgraph, performance.now() - started);
      }
    });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<TContext>): Promise<void> {
    const headers = options.request.http?.headers;
    const trace = traceHeaders.get(options.request);
    if (headers && trace) for (const [name, value] of Object.entries(trace)) headers.set(name, value);
    // Health checks and schema loads carry no client context.
    if (!headers || !('incomingRequestContext' in options)) return;
    const { context } = options.incomingRequestContext;
    const extra = await this.headersHook?.({ subgraph: this.subgraph, url: this.url ?? '', context });
    for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
    // Only the gateway speaks for a user: whatever a hook set, the identity is the verified one.
    headers.delete(IDENTITY_HEADER);
    if (context.viewer && this.identitySecret) headers.set(IDENTITY_HEADER, signIdentity(context.viewer, this.identitySecret));
  }

  override didReceiveResponse({ response }: ReceivedResponse): ReceivedResponse['response'] {
    // A call shared with another request cost this one nothing behind the gateway.
    if (response.http instanceof BufferedResponse && response.http.shared) return response;
    recordSubgraphResponse(this.subgraph, response.extensions as Record<string, unknown> | undefined);
    return response;
  }
}
