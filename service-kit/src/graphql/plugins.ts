import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { recordErrorCode, recordOperation } from '../observability/request-metrics.ts';
import { currentRequestScope } from '../observability/request-scope.ts';
import { isClientError } from './error-masking.ts';

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

/** Counts each operation (a batch's one by one) and the code of every error its response carries. */
export const errorCodesPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    recordOperation();
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) recordErrorCode(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
      },
    };
  },
};
