import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { GraphQLError, parse, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { enforceAuthorization, type Policy } from './authorization.ts';
import type { Logger } from './logger.ts';
import { currentRequestScope } from './request-scope.ts';

/**
 * Builds a Federation 2 subgraph schema from its SDL file (schema-first) and resolvers, enforcing
 * the SDL's `@authenticated`, `@requiresScopes` and `@policy` (with these `policies`).
 */
export function loadSubgraphSchema<TContext>(
  sdlPath: string,
  resolvers: GraphQLResolverMap<TContext>,
  policies: Record<string, Policy> = {},
): GraphQLSchema {
  const schema = buildSubgraphSchema({
    typeDefs: parse(readFileSync(sdlPath, 'utf8')),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
  return enforceAuthorization(schema, policies);
}

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
]);

/**
 * Server-side failures whose message we write ourselves (no internals in it), which clients
 * should see as they are: SUBGRAPH_UNAVAILABLE says which fields to retry later. The gateway
 * logs them where they happen, once per subgraph fetch rather than once per field.
 */
const SAFE_SERVER_CODES = new Set(['SUBGRAPH_UNAVAILABLE']);

/**
 * Keeps client errors as they are and hides everything else behind a generic message:
 * SQL, driver or stack details go to the log, never to the client.
 */
export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const traceId = currentRequestScope()?.traceId;
    const trace = traceId ? { traceId } : {};
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (CLIENT_CODES.has(code) || SAFE_SERVER_CODES.has(code))) {
      return { ...formatted, extensions: { ...formatted.extensions, ...trace } };
    }
    // Apollo marks some request errors only with a 4xx status (e.g. an unsupported persisted
    // query version): they describe the request, not us.
    const status = (error as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http?.status;
    if (code === 'INTERNAL_SERVER_ERROR' && typeof status === 'number' && status >= 400 && status < 500) {
      return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST', ...trace } };
    }
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'resolver failed');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...trace },
    };
  };
}

const isClientError = (code: unknown) => typeof code === 'string' && CLIENT_CODES.has(code);

/**
 * Names the operation on the request's segment (annotations, for X-Ray's search) and flags
 * GraphQL errors on it, each with its path: client errors as errors, the rest as faults.
 */
export const tracingPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName, operation }) {
        const scope = currentRequestScope();
        if (!scope) return;
        scope.operationName = operationName ?? 'anonymous';
        scope.span?.annotate('operation_name', scope.operationName);
        scope.span?.annotate('operation_type', operation?.operation ?? 'unknown');
      },
      async didEncounterErrors({ errors }) {
        const span = currentRequestScope()?.span;
        if (!span?.sampled) return;
        span.metadata(
          'graphql_errors',
          errors.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })),
        );
        if (errors.some((e) => !isClientError(e.extensions?.code))) span.fault();
        else span.flagError();
      },
    };
  },
};

/**
 * Answers an operation that cannot run as a client error (HTTP 400) before execution, where
 * graphql would raise an uncoded error: an unknown or missing operation name, or a subscription
 * on a schema that has none.
 */
export const operationResolutionPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request, schema }) {
        const refuse = (message: string) => {
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        };
        if (!operation) {
          refuse(request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide operation name if query contains multiple operations.');
        } else if (!schema.getRootType(operation.operation)) {
          refuse(`This graph has no ${operation.operation} operations.`);
        }
      },
    };
  },
};

/**
 * Reports what the request cost this subgraph in `extensions.tributary`, for the gateway to sum
 * into the client's summary. Outside production only.
 */
export const requestStatsPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const scope = currentRequestScope();
        if (!scope || response.body.kind !== 'single') return;
        const { subgraphFetches: _, ...stats } = scope.stats;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, tributary: stats };
      },
    };
  },
};

/**
 * A mutation's answer is never cacheable, whatever the hints on the types it returns: without
 * this, `setStock { name }` would go out as `max-age=30, public`.
 */
export const uncacheableMutationsPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, overallCachePolicy }) {
        if (operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
      },
    };
  },
};

export interface GraphQLServerOptions {
  schema: GraphQLSchema;
  logger: Logger;
  /** Introspection and Apollo's landing page (Sandbox, from Apollo's CDN) stay on outside production. */
  production: boolean;
}

/** An Apollo Server for a subgraph: masked errors, no stack traces, no telemetry. */
export function createGraphQLServer<TContext extends BaseContext>({
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
    formatError: maskErrors(logger),
    logger,
    // Our own shutdown drains HTTP first; Apollo would re-raise the signal and kill the process.
    stopOnTerminationSignals: false,
    // Tracing goes through X-Ray, not Apollo's ftv1 traces.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      operationResolutionPlugin,
      uncacheableMutationsPlugin,
      tracingPlugin,
      // In production Apollo would serve its own landing page, loaded from its CDN: none at all.
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : [requestStatsPlugin]),
    ],
  });
}
