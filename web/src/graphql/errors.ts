import type { CombinedError } from '@urql/core';

type Path = readonly (string | number)[];

/**
 * The trace id to quote to support: the gateway puts it in every error's `extensions.traceId`
 * and in the `X-Amzn-Trace-Id` response header (`Root=1-…`).
 */
export function traceIdOf(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  for (const graphQLError of error.graphQLErrors) {
    const traceId = graphQLError.extensions?.traceId;
    if (typeof traceId === 'string') return traceId;
  }
  const header = (error.response as Response | undefined)?.headers?.get('x-amzn-trace-id');
  return header ? (/Root=([^;]+)/.exec(header)?.[1] ?? header) : undefined;
}

const startsWith = (path: Path | undefined, prefix: Path) => !!path && prefix.every((segment, index) => path[index] === segment);

/** True when an error was reported at `path` or inside it (e.g. a subgraph that did not answer). */
export const failedAt = (error: CombinedError | undefined, path: Path) => !!error?.graphQLErrors.some((e) => startsWith(e.path, path));

/** The input fields a mutation rejected (BAD_USER_INPUT with `extensions.field`), field → message. */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of error?.graphQLErrors ?? []) {
    const field = e.extensions?.field;
    if (e.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string' && !fields[field]) fields[field] = e.message;
  }
  return fields;
}

/** Errors not tied to an input field: what the page shows as a notice. */
export const generalErrors = (error: CombinedError | undefined) =>
  error?.graphQLErrors.filter((e) => !(e.extensions?.code === 'BAD_USER_INPUT' && typeof e.extensions.field === 'string')) ?? [];

/** The error codes in a result, each once (e.g. `SUBGRAPH_UNAVAILABLE`). */
export const errorCodes = (error: CombinedError | undefined) => [
  ...new Set(error?.graphQLErrors.map((e) => String(e.extensions?.code ?? 'ERROR')) ?? []),
];
