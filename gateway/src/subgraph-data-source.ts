import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { VIEWER_HEADER } from '@tributary/service-kit';
import type { GatewayContext } from './context.ts';

/**
 * How the gateway talks to one subgraph: keep-alive HTTP (Node's fetch pools connections)
 * and the request context the subgraphs need, passed on from the client's request.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers || !('viewerId' in context)) return;
    if (context.viewerId) headers.set(VIEWER_HEADER, context.viewerId);
  }
}
