import { describe, expect, it } from 'vitest';
import { canonicalJson, chainEntry, entryHash, GENESIS_HASH } from './chain.ts';
import { event } from './test/audit-events.ts';

describe('canonicalJson', () => {
  it('sorts object keys at every depth, keeps array order, drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('writes null and undefined as null, and strings and numbers as JSON does', () => {
    expect([canonicalJson(null), canonicalJson(undefined), canonicalJson('a"b'), canonicalJson(1.5), canonicalJson(true)]).toEqual(['null', 'null', '"a\\"b"', '1.5', 'true']);
  });
});

describe('chainEntry and entryHash', () => {
  it('makes the first entry position 1 after the genesis hash, with before and after apart from the rest of the data', () => {
    const e = event({ data: { before: null, after: { quantity: 3 }, upc: 'p1' } });
    const entry = chainEntry(null, e, '2026-12-01T12:01:00.000Z');
    expect(entry).toMatchObject({ position: 1, previousHash: GENESIS_HASH, eventId: e.eventId, before: null, after: { quantity: 3 }, data: { upc: 'p1' } });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    const { previousHash, hash, ...fields } = entry;
    expect(entryHash(previousHash, fields)).toBe(hash);
  });

  it('chains the next entry to the last: the position after it, its hash as the previous hash', () => {
    const first = chainEntry(null, event(), 'r');
    const second = chainEntry(first, event(), 'r');
    expect([second.position, second.previousHash]).toEqual([2, first.hash]);
  });

  it('records no actor, before or after when the event has none, and null for a missing trace id', () => {
    const entry = chainEntry(null, event({ actor: { userId: null, admin: false }, traceId: null, data: { reason: 'expired' } }), 'r');
    expect(entry).toMatchObject({ actorUserId: null, actorAdmin: false, traceId: null, before: null, after: null, data: { reason: 'expired' } });
  });

  it('gives another hash for any change of content, position or previous hash, the same for the same content', () => {
    const { previousHash, hash, ...fields } = chainEntry(null, event(), 'r');
    expect(entryHash(previousHash, { ...fields })).toBe(hash);
    expect(entryHash(previousHash, { ...fields, after: { quantity: 1_000 } })).not.toBe(hash);
    expect(entryHash(previousHash, { ...fields, actorAdmin: !fields.actorAdmin })).not.toBe(hash);
    expect(entryHash(previousHash, { ...fields, position: 2 })).not.toBe(hash);
    expect(entryHash('f'.repeat(64), fields)).not.toBe(hash);
  });
});
