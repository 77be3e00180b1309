// From a subgraph's definition (SDL, store, loaders, resolvers, policies, seed) to a running service.
export {
  defineSubgraph,
  type SubgraphConfig,
  type SubgraphContext,
  type SubgraphDefinition,
} from './subgraph-definition.ts';
export { serveSubgraph, startSubgraph } from './start-subgraph.ts';
