import { describe, expect, it } from 'vitest';
import type { Logger } from './logger.ts';
import { throttledWarning } from './log-throttle.ts';

const recordingLogger = () => {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = { warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) } as unknown as Logger;
  return { logger, lines };
};

describe('throttledWarning', () => {
  it('logs the first warning, holds back repeats for the interval, then says how many it held back', () => {
    const { logger, lines } = recordingLogger();
    let clock = 1_000;
    const warn = throttledWarning(logger, 'redis unavailable', 10_000, () => clock);
    warn(new Error('a'));
    clock += 4_000;
    warn(new Error('b'));
    clock += 5_999;
    warn(new Error('c'));
    clock += 1;
    warn(new Error('d'));
    expect(lines.map(({ fields, message }) => [message, (fields.err as Error).message, fields.suppressed])).toEqual([
      ['redis unavailable', 'a', 0],
      ['redis unavailable', 'd', 2],
    ]);
  });
});
