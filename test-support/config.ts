// The only place test code reads the environment.
/** The PostgreSQL server tests create their throwaway databases on. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** What processes started by tests inherit: enough to run node, nothing of the developer's config. */
export const childEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  APOLLO_TELEMETRY_DISABLED: '1',
});

/** The repository's shared/ folder sits beside it. */
export const benchmarkQueryPath = new URL('../../shared/bench/federation-benchmark.graphql', import.meta.url).pathname;
