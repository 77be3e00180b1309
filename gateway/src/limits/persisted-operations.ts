import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { PrefixingKeyValueCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { recordRefusal } from '@tributary/service-kit';
import { GraphQLError, Kind, parse } from 'graphql';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Reads a manifest of the operations the gateway may run: either `{ "<sha256>": "<document>" }`
 * or Apollo's persisted query manifest (`{ "operations": [{ "id", "body" }] }`, as
 * `generate-persisted-query-manifest` writes it). Every hash must be the SHA-256 of its document.
 */
export function readPersistedOperations(path: string): ReadonlyMap<string, string> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the persisted operations in ${path}: ${(error as Error).message}`);
  }
  const entries =
    manifest && typeof manifest === 'object' && Array.isArray((manifest as { operations?: unknown }).operations)
      ? (manifest as { operations: { id?: unknown; body?: unknown }[] }).operations.map((o) => [o.id, o.body] as const)
      : Object.entries(manifest ?? {});
  const operations = new Map<string, string>();
  for (const [hash, document] of entries) {
    if (typeof hash !== 'string' || typeof document !== 'string' || sha256(document) !== hash) {
      throw new Error(`${path}: ${String(hash)} is not the SHA-256 of its document`);
    }
    operations.set(hash, document);
  }
  return operations;
}

/** The names of the manifest's operations (a document that does not parse names none). */
export function operationNamesOf(operations: ReadonlyMap<string, string>): string[] {
  return [...operations.values()].flatMap((document) => {
    try {
      return parse(document, { noLocation: true }).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
    } catch {
      return [];
    }
  });
}

/** The manifest as Apollo's persisted query store: hashes resolve to documents, nothing new is registered. */
export function manifestStore(operations: ReadonlyMap<string, string>): KeyValueCache<string> {
  // Keyed by bare hashes: Apollo must not prefix them as it does keys of a shared cache.
  return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation({
    get: async (hash: string) => operations.get(hash),
    set: async () => undefined,
    delete: async () => undefined,
  });
}

/**
 * Preload mode: the manifest in front of the automatic persisted query store. Its clients' hashes
 * are known from the first request (no PERSISTED_QUERY_NOT_FOUND and retry with the document),
 * and any other operation still registers and runs as automatic persisted queries do.
 */
export function preloadedStore(operations: ReadonlyMap<string, string>, registered: KeyValueCache<string>): KeyValueCache<string> {
  // Bare hashes, as in manifestStore: `registered` is the gateway's own namespace already.
  return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation({
    get: async (hash: string) => operations.get(hash) ?? registered.get(hash),
    set: (hash: string, document: string, options?: { ttl?: number | null }) => registered.set(hash, document, options),
    delete: (hash: string) => registered.delete(hash),
  });
}

const notPersisted = (hash: string) =>
  `This gateway runs only persisted operations, and ${/^[0-9a-f]{64}$/.test(hash) ? hash : 'that hash'} is not one of them`;

/**
 * Persisted-only mode: any operation not in the manifest, by hash or by its text, is refused
 * with PERSISTED_QUERY_NOT_FOUND and HTTP 400. A hash the manifest lacks is refused by Apollo
 * before parsing (reworded here); a document is refused once parsed, before it is planned.
 */
export function persistedOnlyPlugin(operations: ReadonlyMap<string, string>): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (operations.has(queryHash)) return;
          recordRefusal('PERSISTED_QUERY_NOT_FOUND');
          throw new GraphQLError(notPersisted(queryHash), { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } });
        },
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (!singleResult.errors?.some((e) => e.message === 'PersistedQueryNotFound')) return;
          // Apollo answers 200 so that APQ clients retry with the document; here that cannot help.
          response.http.status = 400;
          recordRefusal('PERSISTED_QUERY_NOT_FOUND');
          const hash = String(request.extensions?.persistedQuery?.sha256Hash ?? '');
          singleResult.errors = singleResult.errors.map((e) => (e.message === 'PersistedQueryNotFound' ? { ...e, message: notPersisted(hash) } : e));
        },
      };
    },
  };
}
