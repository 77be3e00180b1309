// The trusted-documents check (CI runs it with the unit tests, after `npm ci` built the SPA):
// every operation the SPA sends is in the manifest the gateway runs with, byte for byte, and
// every client's operation still validates against the composed supergraph.
import { existsSync, readFileSync } from 'node:fs';
import { Kind, parse, print, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createStorefrontClient } from '../src/graphql/client.ts';
import * as generated from '../src/graphql/generated/operations.ts';
import { apiSchema } from './api-schema.ts';
import { manifestPath, parseManifest, readClientManifests, spaOperations, type PersistedQueryManifest } from './manifest.ts';
import { readOperationSources } from './operation-sources.ts';

function builtManifest(): PersistedQueryManifest {
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run npm run build -w web`);
  return parseManifest(JSON.parse(readFileSync(manifestPath, 'utf8')), manifestPath);
}

const operationsOf = (document: DocumentNode) => document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
const generatedDocuments = Object.entries(generated).filter(([name]) => name.endsWith('Document')) as [string, DocumentNode][];

/** What the SPA's own client sends for `document`: the hash, and whether the text went too. */
async function sent(document: DocumentNode): Promise<{ hash: string; operationName: string; withDocument: boolean }> {
  let request: { url: string; body?: string } | undefined;
  const client = createStorefrontClient({
    url: 'http://storefront.test/graphql',
    token: () => 'token',
    fetch: async (url, init) => {
      request = { url: String(url), ...(typeof init?.body === 'string' ? { body: init.body } : {}) };
      return new Response('{"data":null}', { headers: { 'content-type': 'application/json' } });
    },
  });
  const operation = operationsOf(document)[0]!;
  await (operation.operation === 'mutation' ? client.mutation(document, {}) : client.query(document, {})).toPromise();
  const params = request!.body ? (JSON.parse(request!.body) as Record<string, unknown>) : Object.fromEntries(new URL(request!.url).searchParams);
  const extensions = (typeof params.extensions === 'string' ? JSON.parse(params.extensions) : params.extensions) as { persistedQuery: { sha256Hash: string } };
  return { hash: extensions.persistedQuery.sha256Hash, operationName: String(params.operationName), withDocument: 'query' in params };
}

describe('trusted documents', () => {
  it('has every operation the SPA sends in the manifest, under the hash its client sends', async () => {
    const manifest = builtManifest();
    const byId = new Map(manifest.operations.map((o) => [o.id, o]));
    expect(generatedDocuments.length).toBeGreaterThan(0);
    for (const [name, document] of generatedDocuments) {
      const request = await sent(document);
      expect(request.withDocument, `${name} is sent by hash only`).toBe(false);
      expect(byId.get(request.hash)?.name, `${name} (${request.hash}) is missing from ${manifestPath}: run npm run build -w web`).toBe(request.operationName);
    }
  });

  it('lists exactly the operations written in src/graphql/operations, as the build makes them now', () => {
    const written = readOperationSources().flatMap(({ document }) => operationsOf(document).map((o) => o.name?.value));
    expect(spaOperations().map((o) => o.name).sort()).toEqual(written.sort());
    // The generated documents are those sources (codegen ran after the last edit).
    for (const { document } of readOperationSources()) {
      for (const operation of operationsOf(document)) {
        const typed = generatedDocuments.find(([name]) => name === `${operation.name!.value}Document`)?.[1];
        expect(typed && print(operationsOf(typed)[0]!), `${operation.name!.value}: run npm run codegen -w web`).toBe(print(operation));
      }
    }
    const built = new Set(builtManifest().operations.map((o) => o.id));
    for (const operation of spaOperations()) expect(built.has(operation.id), `${operation.name} changed since the last build: run npm run build -w web`).toBe(true);
  });

  it('validates every operation of every client against the supergraph’s API schema', () => {
    const schema = apiSchema();
    const manifests = [{ client: 'spa (built)', manifest: builtManifest() }, ...readClientManifests()];
    for (const { client, manifest } of manifests) {
      for (const operation of manifest.operations) {
        const errors = validate(schema, parse(operation.body)).map((e) => e.message);
        expect(errors, `${client}: ${operation.name} no longer validates against schema/supergraph.graphql`).toEqual([]);
      }
    }
  });

  it('merges every client manifest into the one the gateway runs with', () => {
    const built = new Set(builtManifest().operations.map((o) => o.id));
    for (const { client, manifest } of readClientManifests()) {
      for (const operation of manifest.operations) expect(built.has(operation.id), `${client}: ${operation.name} is not in ${manifestPath}: run npm run build -w web`).toBe(true);
    }
  });
});
