// The only place test code reads the environment.
/** The PostgreSQL server tests create their throwaway databases on. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** What processes started by tests inherit: enough to run node, nothing of the developer's config. */
export const childEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  APOLLO_TELEMETRY_DISABLED: '1',
});

/** The public federation benchmark query, a verbatim copy of shared/bench (CI checks it is unchanged). */
export const benchmarkQueryPath = new URL('../bench/federation-benchmark.graphql', import.meta.url).pathname;

/** The Redis server tests use; each test keeps to its own key prefix. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Node flags that run the repository's TypeScript sources, as `npm start` does: tsx for Node 20,
 * and the export condition that resolves workspace packages to their sources, not their builds.
 */
export const sourceExecArgv = ['--conditions=@tributary/source', '--import', 'tsx'];

/** The differential suite's seed for generated operations (each fixture derives its own from it). */
export const differentialSeed = Number(process.env.DIFFERENTIAL_SEED ?? 1);
