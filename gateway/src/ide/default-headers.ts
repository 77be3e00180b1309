const COMMENT_LINE = /^\s*\/\/.*$/gm;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The headers in the IDE's headers editor text: a JSON object of header names to strings, where
 * whole lines starting with `//` are comments (GraphiQL reads the editor as JSON with comments).
 * Throws an Error saying what is wrong, so a bad setting fails at start rather than in the IDE.
 */
export function parseDefaultHeaders(text: string): Record<string, string> {
  const json = text.replace(COMMENT_LINE, '').trim();
  if (!json) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`is not a JSON object (lines starting with // are comments): ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('is not a JSON object of header names to values');
  for (const [name, value] of Object.entries(parsed)) {
    if (!HEADER_NAME.test(name)) throw new Error(`${JSON.stringify(name)} is not a header name`);
    if (typeof value !== 'string' || /[\r\n\0]/.test(value)) throw new Error(`the value of ${name} must be a string on one line`);
  }
  return parsed as Record<string, string>;
}
