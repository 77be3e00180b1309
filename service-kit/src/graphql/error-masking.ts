import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { throttledWarning } from '../observability/log-throttle.ts';
import type { Logger } from '../observability/logger.ts';
import { currentRequestScope } from '../observability/request-scope.ts';
import { REFUSAL_CODES, STORE_LABELS } from './errors.ts';

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
 * Server-side failures and refusals whose message we write ourselves (no internals in it), which
 * clients should see as they are: SUBGRAPH_UNAVAILABLE says which fields to retry later,
 * OUT_OF_STOCK why an order was rejected. The gateway
 * logs them where they happen, once per subgraph fetch rather than once per field.
 */
const SAFE_SERVER_CODES = new Set<string>(['SUBGRAPH_UNAVAILABLE', ...REFUSAL_CODES]);

/**
 * Keeps client errors as they are and hides everything else behind a generic message:
 * SQL, driver or stack details go to the log, never to the client. A store that cannot answer
 * (STORE_UNAVAILABLE, see StoreUnavailableError) keeps its code, `retryable` and `store`, gets
 * the name of the `service` whose store it is and a message of ours, and is logged at most once
 * per interval: an outage fails every request.
 */
export function maskErrors(logger: Logger, service?: string) {
  const warnStoreUnavailable = throttledWarning(logger, 'store unavailable');
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const traceId = currentRequestScope()?.traceId;
    const trace = traceId ? { traceId } : {};
    const code = formatted.extensions?.code;
    if (code === 'STORE_UNAVAILABLE') {
      const store = String(formatted.extensions?.store ?? '');
      const label = Object.hasOwn(STORE_LABELS, store) ? STORE_LABELS[store as keyof typeof STORE_LABELS] : 'A store';
      // Through the gateway the subgraph already named itself (and Apollo adds serviceName too).
      const serviceName = formatted.extensions?.serviceName ?? service;
      if (!formatted.extensions?.serviceName) warnStoreUnavailable(unwrapResolverError(error));
      return {
        message: `${label} is unavailable${typeof serviceName === 'string' ? ` to ${serviceName}` : ''}; retry later`,
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code, retryable: true, ...(store ? { store } : {}), ...(serviceName ? { serviceName } : {}), ...trace },
      };
    }
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

/** Whether an error code says the client made the mistake (4xx-like), not this service. */
export const isClientError = (code: unknown) => typeof code === 'string' && CLIENT_CODES.has(code);
