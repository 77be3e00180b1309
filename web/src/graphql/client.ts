import { Client, cacheExchange, fetchExchange, makeOperation, mapExchange, type Operation } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';

export interface StorefrontClientOptions {
  /** The gateway's `/graphql`, on the site's own origin. */
  url: string;
  /** The signed-in user's bearer token, if any. */
  token: () => string | undefined;
  /**
   * Send only hashes, never a document: what a gateway in persisted-only mode accepts. Off in
   * Vite's dev server, where an edited operation is new to the gateway and is registered with one
   * retry (automatic persisted queries).
   * @default true
   */
  hashesOnly?: boolean;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** The same SHA-256 the gateway checks and the manifest is keyed by (hex, of the sent document). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Asks the client to send the signed-in user's token with this query (mutations always carry it). */
export const withToken = { withToken: true } as const;

/**
 * Headers of each request. The token goes only with mutations and the queries that ask for it:
 * public pages are then the same request for everyone, which CloudFront can cache.
 * `apollo-require-preflight` satisfies the gateway's CSRF prevention for GETs. A refetch
 * (network-only, e.g. after a mutation invalidated it) bypasses the browser's HTTP cache.
 */
function requestHeaders(token: () => string | undefined) {
  return mapExchange({
    onOperation(operation: Operation) {
      const bearer = operation.kind === 'mutation' || operation.context.withToken ? token() : undefined;
      return makeOperation(operation.kind, operation, {
        ...operation.context,
        fetchOptions: {
          headers: { 'apollo-require-preflight': 'true', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
          ...(operation.context.requestPolicy === 'network-only' ? { cache: 'no-cache' as const } : {}),
        },
      });
    },
  });
}

/**
 * The storefront's GraphQL client: urql's document cache (a mutation's typenames refetch the
 * queries that showed them), then persisted queries: queries as GET with the hash only,
 * mutations as POST with the hash only.
 */
export function createStorefrontClient(options: StorefrontClientOptions): Client {
  return new Client({
    url: options.url,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    exchanges: [
      requestHeaders(options.token),
      cacheExchange,
      persistedExchange({
        preferGetForPersistedQueries: 'within-url-limit',
        enforcePersistedQueries: options.hashesOnly ?? true,
        enableForMutation: true,
        generateHash: sha256Hex,
      }),
      fetchExchange,
    ],
  });
}
