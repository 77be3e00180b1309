import type { BaseContext } from '@apollo/server';
import { createHttpServer, type HttpServerOptions } from '../http/http-server.ts';
import { drain, listen } from './listen.ts';

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
 * Starts a service's HTTP server; `stop()` drains it: readiness answers 503, no new connections,
 * in-flight requests finish, then Apollo and the pools close.
 */
export async function runService<TContext extends BaseContext>(
  options: ServiceOptions<TContext>,
): Promise<RunningService> {
  const { logger, apollo } = options;
  // The tracing SDK loads while Apollo starts, so the first request is traced.
  await Promise.all([apollo.start(), options.tracer?.ready()]);
  const http = createHttpServer(options);
  const { port, origin } = await listen(http.server, options.port, options.host ?? '0.0.0.0');
  const url = `${origin}/graphql`;
  logger.info({ url }, `${options.name} listening`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      http.draining = true;
      logger.info(`${options.name} draining`);
      await drain(http.server, options.drainTimeoutMs ?? 20_000);
      await apollo.stop();
      await options.close?.();
      await options.tracer?.close();
      logger.info(`${options.name} stopped`);
    })());

  return { url, port, stop };
}
