// The gateway as a library: embed it in your own Node server, or compose supergraphs.
export { createGateway, type Gateway } from './gateway.ts';
export type { GatewayOptions, ListenOptions } from './options.ts';
export type { GatewayContext } from './context.ts';
export type { SubgraphHeadersHook, SubgraphRequestInfo } from './subgraph-data-source.ts';
export type { ReloadResult } from './hot-reload.ts';
export { composeSupergraph, type ComposedSupergraph } from './composition.ts';
export { readSupergraphConfig, type SubgraphSource, type SubgraphSchemaSource } from './supergraph-config.ts';
export { SupergraphError, formatProblems, type SupergraphProblem, type ProblemLocation } from './supergraph-error.ts';
