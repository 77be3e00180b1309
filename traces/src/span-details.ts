import { operationAnnotations } from './assemble.ts';
import type { Span } from './span.ts';

/**
 * What a waterfall row says about a span besides its name and duration: the HTTP status of a
 * fetch, the DynamoDB operation and table, the SQL statement, annotations such as a cache hit,
 * and what went wrong. Plain text; each renderer escapes it for its medium.
 */
export function spanDetails(span: Span): string[] {
  const details: string[] = [];
  const failure = span.fault ? 'fault' : span.error ? 'error' : undefined;
  if (failure) details.push(span.errorMessage === undefined ? failure : `${failure}: ${span.errorMessage}`);
  if (span.throttle) details.push('throttled');
  if (span.inProgress) details.push('in progress');
  if (span.http?.status !== undefined) details.push(`HTTP ${span.http.status}`);
  if (span.aws?.operation !== undefined) details.push([span.aws.operation, span.aws.table].filter(Boolean).join(' '));
  if (span.sql?.query !== undefined) details.push(span.sql.query);
  for (const [key, value] of Object.entries(span.annotations)) {
    if (!operationAnnotations.includes(key)) details.push(`${key}=${String(value)}`);
  }
  return details;
}

/** Milliseconds, to a precision that suits their size. */
export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}
