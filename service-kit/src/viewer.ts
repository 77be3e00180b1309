import type { IncomingMessage } from 'node:http';

/** Who a request is made for, as the gateway tells the subgraphs. */
export interface Viewer {
  userId: string;
}

/** Header the gateway sets with the caller's user id. Verified identity arrives with authentication. */
export const VIEWER_HEADER = 'x-tributary-user-id';

export function viewerFrom(req: IncomingMessage): Viewer | null {
  const value = req.headers[VIEWER_HEADER];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? { userId: value } : null;
}
