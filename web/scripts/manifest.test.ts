import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeManifests, parseManifest, readClientManifests, spaOperations, type ManifestOperation } from './manifest.ts';

const operation = (name: string, body: string, type: ManifestOperation['type'] = 'query'): ManifestOperation => ({
  id: createHash('sha256').update(body).digest('hex'),
  name,
  type,
  body,
});
const manifest = (...operations: ManifestOperation[]) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations });

describe('the persisted query manifest', () => {
  it("lists the SPA's operations with urql's __typename additions, hashed as sent", () => {
    const operations = spaOperations();
    expect(operations.map((o) => [o.name, o.type])).toEqual([
      ['AddReview', 'mutation'],
      ['Me', 'query'],
      ['Product', 'query'],
      ['TopProducts', 'query'],
    ]);
    for (const o of operations) {
      expect(o.id).toBe(createHash('sha256').update(o.body).digest('hex'));
      expect(o.body).toContain('__typename');
      expect(o.body, 'fragments travel with their operation').toContain('fragment ReviewCard on Review');
    }
  });

  it('refuses a file that is not a manifest, or whose id is not the hash of its body', () => {
    expect(() => parseManifest({ operations: [] }, 'a.json')).toThrow(/a\.json: not an Apollo persisted query manifest/);
    expect(() => parseManifest(manifest({ ...operation('A', '{ a }'), id: '0'.repeat(64) }), 'b.json')).toThrow(/b\.json: operations\[0\] \(A\): id is not the SHA-256/);
    expect(() => parseManifest(manifest({ ...operation('A', '{ a }'), type: 'fragment' as never }), 'c.json')).toThrow(/type must be query/);
    expect(() => parseManifest(manifest({ name: 'A' } as never), 'd.json')).toThrow(/needs string id, name and body/);
  });

  it('merges manifests, listing an operation two clients share once', () => {
    const shared = operation('Home', '{ topProducts { name } }');
    const merged = mergeManifests([[shared, operation('AddReview', 'mutation { x }', 'mutation')], [shared, operation('Cart', '{ me { id } }')]]);
    expect(merged.format).toBe('apollo-persisted-query-manifest');
    expect(merged.operations.map((o) => o.name)).toEqual(['Home', 'AddReview', 'Cart']);
  });

  it('reads every clients/*.json, naming a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-clients-'));
    try {
      writeFileSync(join(dir, 'ios.json'), JSON.stringify(manifest(operation('IosHome', '{ topProducts { upc } }'))));
      writeFileSync(join(dir, 'README.md'), 'not a manifest');
      expect(readClientManifests(dir).map((c) => [c.client, c.manifest.operations.length])).toEqual([['ios', 1]]);
      writeFileSync(join(dir, 'android.json'), '{ nope');
      expect(() => readClientManifests(dir)).toThrow(/android\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(readClientManifests(join(tmpdir(), 'no-such-clients-dir'))).toEqual([]);
  });
});
