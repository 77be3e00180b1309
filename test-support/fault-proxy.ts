import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface FaultProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** `target` with its host and port replaced by the proxy's. */
  url(target: string): string;
  /**
   * Cuts the link the way a restart or crash of the target does: open connections are
   * destroyed and new ones refused (ECONNREFUSED) until `restore()`.
   */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  /** Holds every chunk from the target for `ms` before passing it on (0: none). */
  delay(ms: number): void;
  close(): Promise<void>;
}

/** A TCP proxy to `host:port` that a test can cut, restore and slow down. */
export async function startFaultProxy(host: string, targetPort: number): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  let delayMs = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, host === 'localhost' ? '127.0.0.1' : host);
    track(client);
    track(upstream);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (delayMs === 0) client.write(chunk);
      else setTimeout(() => client.writable && client.write(chunk), delayMs);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => (delayMs === 0 ? client.destroy() : setTimeout(() => client.destroy(), delayMs)));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => (server.off('error', reject), resolve()));
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    port,
    url(target) {
      const url = new URL(target);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    cut,
    restore: () => listen(port),
    delay: (ms) => void (delayMs = ms),
    close: async () => {
      if (server.listening) await cut();
    },
  };
}
