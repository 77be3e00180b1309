import type { Logger } from '../observability/logger.ts';
import type { RunningService } from './service.ts';

/** For a service's main: exit cleanly on signals or when the launcher that forked it dies. */
export function exitOnShutdownSignals(service: Pick<RunningService, 'port' | 'stop'>, logger: Logger): void {
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
