import { createLogger, type Logger } from '../observability/logger.ts';
import type { RunningService } from './service.ts';
import { exitOnShutdownSignals } from './shutdown.ts';

/** A service's entry point: start it with its config, exit on signals, fail loudly at start. */
export async function serve<C extends { LOG_LEVEL: string }>(
  name: string,
  config: C,
  start: (config: C, logger: Logger) => Promise<RunningService>,
): Promise<void> {
  const logger = createLogger(name, config.LOG_LEVEL);
  try {
    exitOnShutdownSignals(await start(config, logger), logger);
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
}
