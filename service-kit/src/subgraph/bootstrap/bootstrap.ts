// From a subgraph's definition (SDL, store, loaders, resolvers, policies, seed) to a running service.
export type { AnySubgraphContext, BackgroundContext, BackgroundTask, SubgraphConfig, SubgraphContext, SubgraphDefinition } from './subgraph-definition.ts';
export { serveSubgraph, startSubgraph } from './start-subgraph.ts';
