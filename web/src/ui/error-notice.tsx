import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { errorCodes, traceIdOf } from '../graphql/errors.ts';

/** The trace id, selectable, for a support request or the trace viewer. */
export function TraceId({ error }: { error: CombinedError | undefined }) {
  const traceId = traceIdOf(error);
  return traceId ? (
    <p className="trace">
      Trace ID: <code>{traceId}</code>
    </p>
  ) : null;
}

/** A request that failed as a whole: what went wrong, its trace id, and a way to try again. */
export function ErrorNotice({ title, error, onRetry }: { title: string; error: CombinedError; onRetry?: () => void }) {
  const messages = error.graphQLErrors.length ? error.graphQLErrors.map((e) => e.message) : [error.networkError?.message ?? error.message];
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <ul>
        {[...new Set(messages)].map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
      <TraceId error={error} />
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Data that came back with holes (a subgraph down): the page shows what it has, and says so. */
export function PartialNotice({ error, children }: { error: CombinedError; children: ReactNode }) {
  return (
    <div className="notice notice-partial" role="status">
      <p className="notice-title">{children}</p>
      <p>Reported: {errorCodes(error).join(', ')}</p>
      <TraceId error={error} />
    </div>
  );
}
