import { ApolloServer, HeaderMap, type ApolloServerOptionsWithGateway, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { DifferentialRequest, RunningEngine } from './engine.ts';

/** What Apollo Server is given as its gateway: ApolloGateway, or one that wraps it. */
export type ServedGateway = NonNullable<ApolloServerOptionsWithGateway<BaseContext>['gateway']>;

/**
 * Logs nothing: a down subgraph is a case under test, not news. Engines give it to their
 * ApolloGateway too.
 */
export const quietLogger: NonNullable<ApolloServerOptionsWithGateway<BaseContext>['logger']> = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The one Apollo Server setup every engine runs behind, so that only the gateway differs between
 * them: stack traces never in answers, introspection on (generated operations may ask for
 * `__typename` and `__schema`), no landing page and no usage reporting.
 */
export async function serveGateway(gateway: ServedGateway): Promise<RunningEngine> {
  const server = new ApolloServer<BaseContext>({
    gateway,
    logger: quietLogger,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled()],
  });
  await server.start();
  return {
    async execute(request: DifferentialRequest) {
      const headers = new HeaderMap([['content-type', 'application/json']]);
      for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name.toLowerCase(), value);
      const { query, variables, operationName } = request;
      // The body a client's JSON would parse to: absent keys are absent, not undefined.
      const body: unknown = JSON.parse(JSON.stringify({ query, variables, operationName }));
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: '', body },
        context: async () => ({}),
      });
      if (response.body.kind !== 'complete') throw new Error('an incremental answer: the suite sends no @defer or @stream');
      return { status: response.status ?? 200, body: response.body.string };
    },
    stop: () => server.stop(),
  };
}
