import { ApolloGateway } from '@apollo/gateway';
import type { Engine } from './engine.ts';
import { quietLogger, serveGateway } from './gateway-server.ts';

/**
 * The reference: stock `@apollo/gateway` with its default `RemoteGraphQLDataSource`, planning and
 * executing, behind the shared Apollo Server setup.
 */
export const stockEngine: Engine = {
  name: 'stock',
  start: (supergraphSdl) => serveGateway(new ApolloGateway({ supergraphSdl, logger: quietLogger })),
};
