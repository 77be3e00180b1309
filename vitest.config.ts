import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages export their builds to consumers, and their TypeScript sources under this
// condition: tests run the sources, with no build step in between. The rest are vitest's own
// defaults (Vite's server conditions without `module`, which points some packages at ES builds
// Node cannot load).
const conditions = ['@tributary/source', ...defaultServerConditions.filter((condition) => condition !== 'module')];

const exclude = ['**/node_modules/**', '**/cdk.out/**'];

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports": Node loads its CommonJS build, as the Apollo packages do, and
    // vite would pick the ES one for our sources. One copy, as in production, or graphql's
    // instanceof checks fail across the two (e.g. a GraphQLError thrown from an Apollo hook).
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  ssr: { resolve: { conditions } },
  test: {
    // Apollo libraries make no calls home from tests (an ApolloGateway checks this when built).
    env: { APOLLO_TELEMETRY_DISABLED: '1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...exclude, '**/*.int.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // Unit tests need no service; these do, and stop at once, saying which to start.
          globalSetup: ['./test-support/global-setup.ts'],
          include: ['**/*.int.test.ts'],
          exclude,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          globalSetup: ['./test-support/global-setup.ts'],
          include: ['**/*.e2e.test.ts'],
          exclude,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});
