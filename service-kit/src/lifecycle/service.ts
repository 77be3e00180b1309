import type { AddressInfo } from 'node:net';
import type { BaseContext } from '@apollo/server';
import type { Logger } from '../observability/logger.ts';
import { createHttpServer, type HttpServerOptions } from '../http/http-server.ts';

export interface ServiceOptions<TContext extends BaseContext> extends HttpServerOptions<TContext> {
  name: string;
  port: number;
  /** @default "0.0.0.0" */
  host?: string;
  /** Closes pools and clients after the server has drained. */
  close?: () => Promise<void>;
  /** @default 20_000 (below ECS's default 30 s stop timeout) */
  drainTimeoutMs?: number;
}

export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a service's HTTP server and wires graceful shutdown: on SIGTERM/SIGINT (or when the
 * parent launcher goes away) stop accepting, let in-flight requests finish, close pools, exit.
 */
export async function runService<TContext extends BaseContext>(
  options: ServiceOptions<TContext>,
): Promise<RunningService> {
  const { logger, apollo } = options;
  await apollo.start();
  const http = createHttpServer(options);
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (http.server.address() as AddressInfo).port;
  const url = `http://localhost:${port}/graphql`;
  logger.info({ url }, `${options.name} listening`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      http.draining = true;
      logger.info(`${options.name} draining`);
      const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
      http.server.closeIdleConnections();
      const timer = setTimeout(() => http.server.closeAllConnections(), options.drainTimeoutMs ?? 20_000);
      await closed;
      clearTimeout(timer);
      await apollo.stop();
      await options.close?.();
      logger.info(`${options.name} stopped`);
    })());

  return { url, port, stop };
}

/** For a service's main: exit cleanly on signals or when the launcher that forked it dies. */
export function exitOnShutdownSignals(service: RunningService, logger: Logger): void {
  const shutdown = (reason: string) => {
    logger.info({ reason }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // Forked by the launcher: its IPC channel closes when it exits, even by SIGKILL, so no orphan is left.
  if (process.send) {
    process.once('disconnect', () => shutdown('launcher exited'));
    process.send({ type: 'listening', port: service.port });
  }
}
