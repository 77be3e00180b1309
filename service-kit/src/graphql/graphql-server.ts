import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../observability/logger.ts';
import { maskErrors } from './error-masking.ts';
import { errorCodesPlugin, operationResolutionPlugin, requestStatsPlugin, tracingPlugin, uncacheableMutationsPlugin } from './plugins.ts';

export interface GraphQLServerOptions {
  /** The subgraph's name, given to clients with errors that are ours to explain (STORE_UNAVAILABLE). */
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  /** Introspection and Apollo's landing page (Sandbox, from Apollo's CDN) stay on outside production. */
  production: boolean;
}

/** An Apollo Server for a subgraph: masked errors, no stack traces, no telemetry. */
export function createGraphQLServer<TContext extends BaseContext>({
  name,
  schema,
  logger,
  production,
}: GraphQLServerOptions): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema,
    introspection: !production,
    // With introspection off, "Did you mean …?" in validation errors would leak the schema.
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(logger, name),
    logger,
    // Our own shutdown drains HTTP first; Apollo would re-raise the signal and kill the process.
    stopOnTerminationSignals: false,
    // Tracing goes through X-Ray, not Apollo's ftv1 traces.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      operationResolutionPlugin,
      errorCodesPlugin,
      uncacheableMutationsPlugin,
      tracingPlugin,
      // In production Apollo would serve its own landing page, loaded from its CDN: none at all.
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : [requestStatsPlugin]),
    ],
  });
}
