import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestSubgraphServer {
  url: string;
  /** The headers of every request received, oldest first. */
  received: IncomingHttpHeaders[];
  /**
   * Holds the next request for `ms` before serving it, to keep a gateway request in flight.
   * Resolves once that request has arrived.
   */
  holdNextRequest(ms: number): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Serves a subgraph's request listener (any library's) on a free port. */
export async function serveSubgraph(listener: RequestListener): Promise<TestSubgraphServer> {
  let hold: { ms: number; arrived: () => void } | undefined;
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    const held = hold;
    hold = undefined;
    if (!held) return listener(req, res);
    held.arrived();
    setTimeout(() => listener(req, res), held.ms);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    holdNextRequest: (ms) => new Promise((arrived) => (hold = { ms, arrived })),
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
