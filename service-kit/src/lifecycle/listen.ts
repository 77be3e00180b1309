import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

/** Where a server listens once it does. */
export interface Listening {
  port: number;
  /** `http://<host>:<port>`, with `localhost` for the any-interface hosts. */
  origin: string;
}

/** Listens on `port` (0: any free one) and `host`; rejects when it cannot (e.g. the port is taken). Any TCP server. */
export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { port: bound, origin: `http://${shown}:${bound}` };
}

/**
 * Stops accepting connections and resolves once every open one has closed: idle keep-alive
 * sockets close at once, requests in flight may finish (an HTTP front sets `connection: close`
 * on their responses), and whatever is still open after `timeoutMs` is cut.
 */
export async function drain(server: HttpServer, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearTimeout(timer);
}
