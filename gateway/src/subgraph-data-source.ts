import {
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { VIEWER_HEADER, currentRequestScope, formatTraceHeader, inChildSpan } from '@tributary/service-kit';
import { recordSubgraphResponse } from './chattiness.ts';
import type { GatewayContext } from './context.ts';

type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];

/**
 * How the gateway talks to one subgraph: keep-alive HTTP (the data source's default fetcher
 * pools sockets), the request context the subgraphs need, and what each fetch cost.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly subgraph: string;

  constructor(subgraph: string, url: string) {
    super({ url });
    this.subgraph = subgraph;
  }

  /**
   * Each fetch is a subsegment of the gateway's segment; the subgraph continues the trace with
   * this subsegment as its parent. The client's own trace header is never passed on raw.
   */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    return inChildSpan(this.subgraph, 'remote', async (span) => {
      span?.annotate('subgraph', this.subgraph);
      const scope = currentRequestScope();
      const context = span?.context() ?? (scope?.span ? scope.span.context() : undefined);
      if (context) options.request.http?.headers.set('x-amzn-trace-id', formatTraceHeader(context));
      try {
        const response = await super.process(options);
        span?.http({ method: 'POST', url: this.url }, 200);
        return response;
      } catch (error) {
        const status = (error as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
        span?.http({ method: 'POST', url: this.url }, status ?? 502);
        throw error;
      }
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers || !context || !('viewerId' in context)) return;
    if (context.viewerId) headers.set(VIEWER_HEADER, context.viewerId);
  }

  override didReceiveResponse({ response }: ReceivedResponse): ReceivedResponse['response'] {
    recordSubgraphResponse(this.subgraph, response.extensions as Record<string, unknown> | undefined);
    return response;
  }
}
