import { pino, type Logger } from 'pino';
import { currentRequestScope } from './request-scope.ts';

export type { Logger };

/** JSON logs on stdout, one line each, named by service. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Every line logged while serving a request carries its trace id.
    mixin: () => {
      const traceId = currentRequestScope()?.traceId;
      return traceId ? { traceId } : {};
    },
  });
}
