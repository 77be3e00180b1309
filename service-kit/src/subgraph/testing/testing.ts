// @tributary/service-kit/subgraph/testing: resolver tests through a subgraph's real schema, in
// process, with in-memory stand-ins for its store and the other subgraphs. No test runner here:
// the results and recorded calls are plain values for any runner's assertions.
export { testSubgraph, type RunOptions, type StoreStandIn, type TestSubgraph, type TestSubgraphOptions } from './test-subgraph.ts';
export { admin, anonymous, user, type TestViewer } from './viewers.ts';
export { callsOf, recordCalls, type RecordedCall } from './recorded-calls.ts';
export { RecordingCacheStore, type CacheCall } from './recording-cache-store.ts';
export { knownEntities } from './known-entities.ts';
export { codes, errorsOf, type ErrorSummary, type OperationResult } from './results.ts';
