// The import rules of docs/ARCHITECTURE.md, checked by `npm run check:imports` (and in CI through
// `npm test`, see docs/import-rules.test.ts). Each rule's comment says what the layer owns.
const workspaces = '(bench|e2e|gateway|service-kit|stack|subgraphs/[^/]+|traces|seed|schema|infra|web)';
const isTest = '(\\.test\\.ts$|^test-support/|^e2e/|^bench/|^gateway/differential/|/test-support/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle of runtime imports means two modules are one concern: merge them or cut the tie.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kit-core-without-subgraph',
      severity: 'error',
      comment:
        'The kit\'s core (".") is what every service needs, the gateway included; the subgraph entry ' +
        '("./subgraph") builds on it, never the other way round, so the gateway loads no store driver.',
      from: { path: '^service-kit/src/', pathNot: ['^service-kit/src/subgraph/', isTest] },
      to: { path: '^service-kit/src/subgraph/' },
    },
    {
      name: 'kit-is-generic',
      severity: 'error',
      comment: 'The service kit serves any graph: it knows no service, no storefront, no stack.',
      from: { path: '^service-kit/' },
      to: { path: '^(gateway|subgraphs|stack|schema|seed|web|e2e|bench|infra|traces)/' },
    },
    {
      name: 'gateway-has-no-store',
      severity: 'error',
      comment: 'The gateway owns no data: no kit subgraph entry, no database driver, no DataLoader.',
      from: { path: '^gateway/' },
      to: {
        path: ['^service-kit/src/subgraph/', 'node_modules/(pg|@aws-sdk/client-dynamodb|@aws-sdk/lib-dynamodb|dataloader)/'],
      },
    },
    {
      name: 'gateway-is-generic',
      severity: 'error',
      comment: 'The gateway runs any supergraph: it imports nothing of the storefront or its stack.',
      from: { path: '^gateway/src/', pathNot: isTest },
      to: { path: '^(subgraphs|stack|schema|seed|web|e2e|bench|infra)/' },
    },
    {
      name: 'subgraphs-apart',
      severity: 'error',
      comment: 'Database per service: a subgraph reaches another only through the graph, never its code.',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^subgraphs/', pathNot: '^subgraphs/$1/' },
    },
    {
      name: 'services-not-tools',
      severity: 'error',
      comment: 'Services do not depend on the tools around them (stack, gateway, tests, benchmarks, infra).',
      from: { path: '^(subgraphs|traces|seed)/', pathNot: isTest },
      to: { path: '^(gateway|stack|e2e|bench|infra|web)/' },
    },
    {
      name: 'no-tests-in-production',
      severity: 'error',
      comment: 'Shipped code never loads test helpers or the test runner.',
      from: { pathNot: [isTest, '^vitest\\.config\\.ts$', '^docs/', '\\.config\\.ts$'] },
      to: { path: ['^test-support/', '/test-support/', 'node_modules/(vitest|@vitest)/'] },
    },
    {
      name: 'web-is-a-browser-app',
      severity: 'error',
      comment: 'The SPA ships to browsers: it imports only its own files and npm packages, no server code.',
      from: { path: '^web/src/', pathNot: isTest },
      to: { dependencyTypes: ['local'], pathNot: '^web/' },
    },
    {
      name: 'packages-by-their-entry',
      severity: 'error',
      comment:
        'A workspace uses another by its package name and public entry points, never by a relative ' +
        'path into its files. Tests may also use fixtures of other folders (examples/, test-support/).',
      from: { path: `^${workspaces}/`, pathNot: isTest },
      to: { dependencyTypes: ['local'], pathNot: [`^$1/`, '^test-support/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '^infra/cdk\\.out/', '/generated/'] },
    // Type-only imports vanish at run time; the rules are about what loads what.
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      conditionNames: ['@tributary/source', 'import', 'node', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      mainFields: ['module', 'main'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
