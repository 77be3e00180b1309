import { ApolloGateway } from '@apollo/gateway';
import { tributaryGateway, type TributaryExecutorOptions } from '../src/executor/executor.ts';
import type { Engine } from './engine.ts';
import { quietLogger, serveGateway } from './gateway-server.ts';

const tributary = (name: string, options: TributaryExecutorOptions): Engine => ({
  name,
  start: (supergraphSdl) => serveGateway(tributaryGateway(new ApolloGateway({ supergraphSdl, logger: quietLogger }), options)),
});

/**
 * Tributary's executor of the plans stock's ApolloGateway makes, over the same default
 * `RemoteGraphQLDataSource`: only the execution differs from stock. As configured by default
 * (entity fetches ready together merged into one request)…
 */
export const tributaryEngine = tributary('tributary', {});

/** …and with every fetch sent on its own, as the plan lists them (MERGE_SUBGRAPH_FETCHES=false). */
export const tributaryUnmergedEngine = tributary('tributary-unmerged', { mergeFetches: false });
