// The only place `npm run bench:gateway` reads its environment: what child processes inherit.

/** Enough to run node in the processes the benchmark starts, nothing of the developer's settings. */
export const inheritedEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  APOLLO_TELEMETRY_DISABLED: '1',
});
