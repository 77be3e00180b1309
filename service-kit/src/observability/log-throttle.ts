import type { Logger } from './logger.ts';

/** How often a repeated warning may be logged: an outage of Redis must not flood the logs. */
export const LOG_THROTTLE_MS = 10_000;

/**
 * A warning that happens on every failed call (Redis down, say) but is logged at most once per
 * `everyMs`; each line says how many were held back since the previous one.
 */
export function throttledWarning(
  logger: Logger,
  message: string,
  everyMs = LOG_THROTTLE_MS,
  now: () => number = Date.now,
): (error: unknown) => void {
  let last = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (error) => {
    const at = now();
    if (at - last < everyMs) {
      suppressed += 1;
      return;
    }
    logger.warn({ err: error, suppressed }, message);
    last = at;
    suppressed = 0;
  };
}
