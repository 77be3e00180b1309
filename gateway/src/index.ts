// The gateway as a library: embed it in your own Node server, or compose supergraphs.
export { createGateway, type Gateway } from './gateway.ts';
export type { GatewayOptions, ListenOptions } from './options.ts';
export type { GatewayContext } from './context.ts';
export type { SubgraphHeadersHook, SubgraphRequestInfo } from './upstream/subgraph-data-source.ts';
export type { ReloadResult } from './supergraph/hot-reload.ts';
export { composeSupergraph, type ComposedSupergraph } from './supergraph/composition.ts';
export { readSupergraphConfig, type SubgraphSource, type SubgraphSchemaSource } from './supergraph/rover-config.ts';
export { SupergraphError, formatProblems, type SupergraphProblem, type ProblemLocation } from './supergraph/errors.ts';
