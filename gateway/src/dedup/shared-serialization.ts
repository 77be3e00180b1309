import type { FormattedExecutionResult } from 'graphql';

const written = new WeakMap<object, string>();

/**
 * Apollo Server's `stringifyResult`, byte for byte (`JSON.stringify` of errors, data and
 * extensions, then a newline), except that a `data` object already written is not written
 * again: requests that shared one execution share its JSON, so an 87 KB answer is serialized
 * once for all of them. Errors and extensions are each request's own and written every time.
 */
export function stringifySharedResult(result: FormattedExecutionResult): string {
  const { data } = result;
  if (typeof data !== 'object' || data === null) return `${JSON.stringify(result)}\n`;
  let json = written.get(data);
  if (json === undefined) written.set(data, (json = JSON.stringify(data)));
  const errors = result.errors === undefined ? '' : `"errors":${JSON.stringify(result.errors)},`;
  const extensions = result.extensions === undefined ? '' : `,"extensions":${JSON.stringify(result.extensions)}`;
  return `{${errors}"data":${json}${extensions}}\n`;
}
