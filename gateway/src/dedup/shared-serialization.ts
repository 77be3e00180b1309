import type { FormattedExecutionResult } from 'graphql';

/** A data object's JSON, and the whole answer when it has no errors or extensions of its own. */
interface Written {
  data: string;
  alone?: string;
}

const written = new WeakMap<object, Written>();

/**
 * Apollo Server's `stringifyResult`, byte for byte (`JSON.stringify` of errors, data and
 * extensions, then a newline), except that a `data` object already written is not written
 * again: requests that shared one execution share its JSON, so an 87 KB answer is serialized
 * once for all of them. Errors and extensions are each request's own and written every time;
 * without them, every request gets the very same string (which the HTTP front then encodes once).
 */
export function stringifySharedResult(result: FormattedExecutionResult): string {
  const { data } = result;
  if (typeof data !== 'object' || data === null) return `${JSON.stringify(result)}\n`;
  let json = written.get(data);
  if (json === undefined) written.set(data, (json = { data: JSON.stringify(data) }));
  if (result.errors === undefined && result.extensions === undefined) return (json.alone ??= `{"data":${json.data}}\n`);
  const errors = result.errors === undefined ? '' : `"errors":${JSON.stringify(result.errors)},`;
  const extensions = result.extensions === undefined ? '' : `,"extensions":${JSON.stringify(result.extensions)}`;
  return `{${errors}"data":${json.data}${extensions}}\n`;
}
