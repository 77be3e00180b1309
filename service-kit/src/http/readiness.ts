import type { Readiness } from './http-server.ts';

/** One dependency a service cannot serve without: resolves when it answers, throws why not. */
export type Check = () => Promise<void>;

/** Runs named checks together; ready only when all pass. */
export const readinessOf = (checks: Record<string, Check>) => async (): Promise<Readiness> => {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, (error as Error).message || 'failed'] as const;
      }
    }),
  );
  return { ready: entries.every(([, status]) => status === 'ok'), checks: Object.fromEntries(entries) };
};
