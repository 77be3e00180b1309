import { GraphQLError } from 'graphql';
import { STORE_LABELS, type StoreName } from '../../graphql/errors.ts';

/**
 * A store that cannot answer now (down, unreachable, throttling, timing out): the fields that
 * needed it fail with STORE_UNAVAILABLE, which tells clients to retry later, not that we have a
 * bug. The store's own error stays the cause, for the log; clients see a message of ours.
 */
export class StoreUnavailableError extends GraphQLError {
  readonly store: StoreName;
  constructor(store: StoreName, cause: unknown) {
    super(`${STORE_LABELS[store]} is unavailable: ${(cause as Error)?.message ?? String(cause)}`, {
      originalError: cause instanceof Error ? cause : undefined,
      extensions: { code: 'STORE_UNAVAILABLE', retryable: true, store },
    });
    this.name = 'StoreUnavailableError';
    this.store = store;
  }
}

/** Socket errors that mean the other end is not there (or not reachable), never a bad request. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** The error and what it wraps: `cause`, and each attempt of an AggregateError (IPv4 and IPv6). */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  yield error as Record<string, unknown>;
  yield* chain((error as { cause?: unknown }).cause, depth + 1);
  for (const inner of (error as { errors?: unknown }).errors instanceof Array ? (error as { errors: unknown[] }).errors : []) {
    yield* chain(inner, depth + 1);
  }
}

const isNetworkError = (error: unknown) => [...chain(error)].some((e) => typeof e.code === 'string' && NETWORK_CODES.has(e.code));

/** What node-postgres says when a connection broke, could not be made in time, or hung. */
const PG_CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|is not queryable/i;

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), shutting down or
 * starting (57P01–57P03), out of connections (53300), and a statement cancelled by
 * statement_timeout (57014), which the pool sets so that an overwhelmed database fails fast.
 */
const PG_UNAVAILABLE_STATES = /^(08...|57P0[123]|53300|57014)$/;

/** Whether a node-postgres error means the database is unreachable or overwhelmed, not that the query is wrong. */
export function isPostgresUnavailable(error: unknown): boolean {
  if (isNetworkError(error)) return true;
  return [...chain(error)].some(
    (e) => (typeof e.code === 'string' && PG_UNAVAILABLE_STATES.test(e.code)) || (typeof e.message === 'string' && PG_CONNECTION_MESSAGES.test(e.message)),
  );
}

/** AWS error names for throttling, timeouts and the service failing on its side. */
const AWS_UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
]);

/**
 * Whether an AWS SDK error (DynamoDB, Kinesis…), after the SDK's own retries, means the service
 * is unreachable, throttling or failing on its side (5xx), not that the request is wrong.
 */
export function isAwsUnavailable(error: unknown): boolean {
  if (isNetworkError(error)) return true;
  return [...chain(error)].some((e) => {
    const status = (e.$metadata as { httpStatusCode?: unknown } | undefined)?.httpStatusCode;
    return (typeof e.name === 'string' && AWS_UNAVAILABLE_NAMES.has(e.name)) || e.$fault === 'server' || (typeof status === 'number' && status >= 500);
  });
}

/** `error` as a StoreUnavailableError when `unavailable` says so; otherwise `error` itself. */
export function classifyStoreError(store: StoreName, unavailable: (error: unknown) => boolean, error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !unavailable(error)) return error;
  return new StoreUnavailableError(store, error);
}
