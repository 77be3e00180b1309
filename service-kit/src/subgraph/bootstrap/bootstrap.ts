// From a subgraph's definition (SDL, store, loaders, resolvers, policies, seed) to a running service.
export type { AnySubgraphContext, SubgraphConfig, SubgraphContext, SubgraphDefinition, Worker, WorkerTools } from './subgraph-definition.ts';
export { serveSubgraph, startSubgraph } from './start-subgraph.ts';
