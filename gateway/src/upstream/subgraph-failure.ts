import { BrokenCircuitError, IsolatedCircuitError } from 'cockatiel';

/** Why a subgraph could not answer, in words safe to show a client (no addresses, no stack). */
export type FailureReason = 'circuit open' | 'timed out' | 'unreachable' | `HTTP ${number}`;

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * Classifies an error thrown by a subgraph fetch: a reason when the subgraph was unavailable
 * (it counts against its circuit breaker), undefined for anything else (e.g. HTTP 400), which
 * is the request's fault, not the subgraph's health.
 */
export function failureReason(error: unknown): FailureReason | undefined {
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) return 'circuit open';
  const { name, code, cause, extensions } = error as { name?: string; code?: string; cause?: { code?: string }; extensions?: { response?: { status?: number } } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timed out';
  const status = extensions?.response?.status;
  if (typeof status === 'number') return status >= 500 ? `HTTP ${status}` : undefined;
  // undici's dispatcher throws the socket's error itself; fetch wrapped it as the cause.
  const connection = code ?? cause?.code;
  if (connection && CONNECTION_CODES.has(connection)) return 'unreachable';
  return undefined;
}

/**
 * Whether another attempt may succeed and is safe to send: the connection failed (nothing was
 * processed, or a kept-alive socket was closed under us) or a proxy answered 502/503/504. Not
 * timeouts: a slow subgraph only gets slower when asked twice.
 */
export function isRetryable(reason: FailureReason | undefined): boolean {
  return reason === 'unreachable' || reason === 'HTTP 502' || reason === 'HTTP 503' || reason === 'HTTP 504';
}
