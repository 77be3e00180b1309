import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import type { CoverageOptions } from 'vitest/node';

// Workspace packages export their builds to consumers, and their TypeScript sources under this
// condition: tests run the sources, with no build step in between. The rest are vitest's own
// defaults (Vite's server conditions without `module`, which points some packages at ES builds
// Node cannot load).
const conditions = ['@tributary/source', ...defaultServerConditions.filter((condition) => condition !== 'module')];

const exclude = ['**/node_modules/**', '**/cdk.out/**'];

// `npm run test:coverage`: the unit tier's coverage of every workspace's sources, files no unit test
// loads counted as uncovered. The thresholds sit a little below the figures measured when they
// were set: CI fails when coverage drops, and they are raised as tests are added.
const coverage: CoverageOptions = {
  provider: 'v8',
  include: ['{service-kit,schema,seed,gateway,traces,stack,infra,bench}/**/*.ts', 'subgraphs/*/src/**/*.ts', 'web/{src,scripts}/**/*.{ts,tsx}'],
  exclude: ['**/*.test.ts', '**/test/**', '**/test-support/**', '**/generated/**', '**/dist/**', '**/*.d.ts', ...exclude],
  // The HTML report, and a table by package; istanbul-reports `require`s a reporter that is not its
  // own by name, so ours goes by its file's path.
  reporter: [['html', { subdir: 'html' }], [fileURLToPath(new URL('./test-support/coverage-by-package.cjs', import.meta.url)), {}]],
  reportsDirectory: './coverage',
  // Measured once orders, payments, audit and inventory's reservations had resolver tests through
  // the testing kit: all 55.2 % of statements and 52.0 % of branches; accounts, products, reviews
  // 64.1 % and 70.6 %; orders, payments, audit 64.6 % and 65.4 % (orders 82.5 / 79.0, payments
  // 42.5 / 41.5, audit 37.6 / 47.1: their stores and audit's stream consumer are exercised by the
  // integration tier); inventory 45.1 % and 35.8 % (its DynamoDB stores likewise).
  thresholds: {
    statements: 54,
    branches: 51,
    'subgraphs/{accounts,products,reviews}/src/**': { statements: 62, branches: 68 },
    'subgraphs/{orders,payments,audit}/src/**': { statements: 63, branches: 64 },
    'subgraphs/inventory/src/**': { statements: 44, branches: 34 },
  },
};

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
    coverage,
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
