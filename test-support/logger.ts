import { createLogger } from '@tributary/service-kit';

/** A logger that prints nothing: tests assert on behaviour, not log lines. */
export const silentLogger = createLogger('test', 'silent');
