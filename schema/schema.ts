// @tributary/schema: the storefront's graph. Each subgraph's SDL, the roster of subgraphs, and
// the supergraph composed from them.
export {
  GATEWAY_PORT,
  portOf,
  roster,
  rosterEntry,
  sdlFile,
  startGroups,
  subgraphNames,
  subgraphUrlVar,
  type RosterEntry,
  type Store,
  type SubgraphName,
} from './roster.ts';
export { defaultConfigPath, defaultSupergraphPath } from './composition.ts';
export { STOREFRONT_GATEWAY_LIMITS } from './gateway-limits.ts';
