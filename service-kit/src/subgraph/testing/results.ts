import type { GraphQLFormattedError } from 'graphql';

/** An operation's result as a client receives it: formatted (masked) errors. */
export interface OperationResult<TData = Record<string, any>> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

/** What a test usually asserts of an error: its code, the input field it names, where it happened. */
export interface ErrorSummary {
  code: unknown;
  field?: unknown;
  path?: readonly (string | number)[];
}

/** The error codes of a result, in order. */
export const codes = (result: OperationResult<unknown>): unknown[] => (result.errors ?? []).map((e) => e.extensions?.code);

/** Each error's code, and the `field` a BAD_USER_INPUT names and the path when there are any. */
export const errorsOf = (result: OperationResult<unknown>): ErrorSummary[] =>
  (result.errors ?? []).map((e) => ({
    code: e.extensions?.code,
    ...(e.extensions?.field !== undefined ? { field: e.extensions.field } : {}),
    ...(e.path ? { path: e.path } : {}),
  }));
