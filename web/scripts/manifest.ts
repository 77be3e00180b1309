import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDocument, stringifyDocument } from '@urql/core';
import * as generated from '../src/graphql/generated/operations.ts';

/** One trusted operation, as Apollo's persisted query manifest lists it. */
export interface ManifestOperation {
  /** SHA-256 (hex) of `body`: the hash clients send. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

/** Where other clients (mobile apps) put their manifests, one JSON file each. */
export const clientsDir = new URL('../../clients/', import.meta.url).pathname;
/** What the build writes, for the gateway's PERSISTED_OPERATIONS_PATH. */
export const manifestPath = new URL('../dist/persisted-query-manifest.json', import.meta.url).pathname;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface OperationDocument {
  kind: 'Document';
  definitions: readonly { kind: string; operation?: ManifestOperation['type']; name?: { value: string } }[];
}

const isOperationDocument = (value: unknown): value is OperationDocument =>
  typeof value === 'object' && value !== null && (value as OperationDocument).kind === 'Document' && (value as OperationDocument).definitions.some((d) => d.kind === 'OperationDefinition');

/**
 * Every operation the SPA sends, exactly as it sends it: urql adds `__typename` to each
 * selection (its document cache needs them) and prints the document; the hash is of that text.
 * These are the same urql functions the browser runs, so the ids match byte for byte.
 */
export function spaOperations(documents: Record<string, unknown> = generated): ManifestOperation[] {
  return Object.values(documents)
    .filter(isOperationDocument)
    .map((document) => {
      const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
      const body = stringifyDocument(formatDocument(document as never));
      return { id: sha256(body), name: operation.name?.value ?? '', type: operation.operation!, body };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Checks one manifest's shape and hashes; `source` names it in errors. */
export function parseManifest(value: unknown, source: string): PersistedQueryManifest {
  const manifest = value as Partial<PersistedQueryManifest> | null;
  if (manifest?.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${source}: not an Apollo persisted query manifest ({ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [...] })`);
  }
  for (const [index, operation] of manifest.operations.entries()) {
    const where = `${source}: operations[${index}]`;
    if (typeof operation?.body !== 'string' || typeof operation.id !== 'string' || typeof operation.name !== 'string') {
      throw new Error(`${where} needs string id, name and body`);
    }
    if (!['query', 'mutation', 'subscription'].includes(operation.type)) throw new Error(`${where} (${operation.name}): type must be query, mutation or subscription`);
    if (sha256(operation.body) !== operation.id) throw new Error(`${where} (${operation.name}): id is not the SHA-256 of its body`);
  }
  return manifest as PersistedQueryManifest;
}

/** The manifests of other clients in `dir` (`clients/*.json`), by file name. */
export function readClientManifests(dir = clientsDir): { client: string; manifest: PersistedQueryManifest }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new Error(`${path}: ${(error as Error).message}`);
      }
      return { client: name.replace(/\.json$/, ''), manifest: parseManifest(value, path) };
    });
}

/** One manifest of every client's operations; an operation two clients share is listed once. */
export function mergeManifests(sources: readonly (readonly ManifestOperation[])[]): PersistedQueryManifest {
  const byId = new Map<string, ManifestOperation>();
  for (const operation of sources.flat()) if (!byId.has(operation.id)) byId.set(operation.id, { id: operation.id, name: operation.name, type: operation.type, body: operation.body });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: [...byId.values()] };
}
