import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { VIEWER_HEADER } from '@tributary/service-kit';
import type { GatewayContext } from './context.ts';

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

/**
 * How the gateway talks to one subgraph: keep-alive HTTP (Node's fetch pools connections)
 * and the request context the subgraphs need, passed on from the client's request.
 */
export class SubgraphDataSource<TContext extends GatewayContext = GatewayContext> extends RemoteGraphQLDataSource<TContext> {
  readonly subgraph: string;
  readonly headersHook: SubgraphHeadersHook<TContext> | undefined;

  constructor(subgraph: string, url: string, headersHook?: SubgraphHeadersHook<TContext>) {
    super({ url });
    this.subgraph = subgraph;
    this.headersHook = headersHook;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<TContext>): Promise<void> {
    const headers = options.request.http?.headers;
    // Health checks and schema loads carry no client context.
    if (!headers || !('incomingRequestContext' in options)) return;
    const { context } = options.incomingRequestContext;
    if (context.viewerId) headers.set(VIEWER_HEADER, context.viewerId);
    const extra = await this.headersHook?.({ subgraph: this.subgraph, url: this.url ?? '', context });
    for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
  }
}
