import type { IncomingMessage } from 'node:http';
import { viewerFrom } from '@tributary/service-kit';

export interface GatewayContext {
  /** The caller's user id, passed to subgraphs. Verified identity arrives with authentication. */
  viewerId: string | null;
}

export const gatewayContext = async (req: IncomingMessage): Promise<GatewayContext> => ({
  viewerId: viewerFrom(req)?.userId ?? null,
});
