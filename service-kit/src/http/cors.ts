import type { IncomingMessage } from 'node:http';

/** Browsers on these origins may call the service across origins. */
export interface CorsOptions {
  /**
   * Exact origins (`https://shop.example.com`), or `*` for any origin. Listed origins may send
   * credentials (cookies, Authorization); `*` never may, as the Fetch standard requires.
   */
  allowedOrigins: readonly string[];
}

/** A header name list as browsers send it in Access-Control-Request-Headers. */
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

export interface CorsDecision {
  /** Headers to add to the response (none when the request is not cross-origin). */
  headers: Record<string, string>;
  /** A preflight from an origin not on the list: answer it with 403. */
  refusedPreflight: boolean;
}

/** What to answer a request's Origin with; preflights also learn the methods and headers allowed. */
export function corsDecision(options: CorsOptions, req: IncomingMessage): CorsDecision {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && typeof req.headers['access-control-request-method'] === 'string';
  // Responses differ by Origin: shared caches must not serve one origin's answer to another.
  const headers: Record<string, string> = options.allowedOrigins.length ? { vary: 'Origin' } : {};
  if (!origin) return { headers, refusedPreflight: false };
  if (options.allowedOrigins.includes(origin)) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
  } else if (options.allowedOrigins.includes('*')) {
    headers['access-control-allow-origin'] = '*';
  } else {
    return { headers, refusedPreflight: preflight };
  }
  if (preflight) {
    headers['access-control-allow-methods'] = 'GET, POST';
    const requested = req.headers['access-control-request-headers'];
    if (typeof requested === 'string' && HEADER_LIST.test(requested)) headers['access-control-allow-headers'] = requested;
    headers['access-control-max-age'] = '600';
  }
  return { headers, refusedPreflight: false };
}
