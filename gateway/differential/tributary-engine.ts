import { ApolloGateway } from '@apollo/gateway';
import { tributaryGateway } from '../src/executor/executor.ts';
import type { Engine } from './engine.ts';
import { quietLogger, serveGateway } from './gateway-server.ts';

/**
 * Tributary's executor of the plans stock's ApolloGateway makes, over the same default
 * `RemoteGraphQLDataSource`: only the execution differs from stock.
 */
export const tributaryEngine: Engine = {
  name: 'tributary',
  start: (supergraphSdl) => serveGateway(tributaryGateway(new ApolloGateway({ supergraphSdl, logger: quietLogger }))),
};
