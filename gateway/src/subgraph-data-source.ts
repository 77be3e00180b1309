import {
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { VIEWER_HEADER } from '@tributary/service-kit';
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
