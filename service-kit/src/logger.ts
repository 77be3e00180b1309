import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout, one line each, named by service. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
