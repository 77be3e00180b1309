import { describe, expect, it } from 'vitest';
import { entryHash } from './chain.ts';
import { MemoryAuditStore } from './test/memory-audit-store.ts';
import { appendAll, event } from './test/audit-events.ts';
import { verifyChain } from './verify-chain.ts';

async function trail(n: number) {
  const store = new MemoryAuditStore();
  await appendAll(store, Array.from({ length: n }, () => event()));
  return store;
}

/** An intruder's edit that keeps the entry's hash consistent with its new content. */
const rehash = (store: MemoryAuditStore, index: number) => {
  const { previousHash, hash: _hash, ...fields } = store.entries[index]!;
  store.entries[index] = { ...store.entries[index]!, hash: entryHash(previousHash, fields) };
};

describe('verifyChain', () => {
  it('finds an intact chain intact, and counts its entries; an empty one too', async () => {
    expect(await verifyChain(await trail(5))).toEqual({ intact: true, entries: 5 });
    expect(await verifyChain(new MemoryAuditStore())).toEqual({ intact: true, entries: 0 });
  });

  it('detects an altered entry, naming it, and counts the entries before it as intact', async () => {
    const store = await trail(5);
    store.entries[2] = { ...store.entries[2]!, after: { quantity: 1_000_000 } };
    expect(await verifyChain(store)).toEqual({
      intact: false,
      entries: 2,
      position: 3,
      eventId: store.entries[2]!.eventId,
      reason: 'its content does not give its hash (altered)',
    });
  });

  it.each([
    ['the actor', { actorUserId: '1' }],
    ['the time it happened', { occurredAt: '2020-01-01T00:00:00.000Z' }],
    ['the data', { data: { extra: true } }],
  ])('detects %s changed', async (_, change) => {
    const store = await trail(3);
    store.entries[1] = { ...store.entries[1]!, ...change };
    expect(await verifyChain(store)).toMatchObject({ intact: false, position: 2 });
  });

  it('detects an entry altered and hashed again: the next entry no longer links to it', async () => {
    const store = await trail(4);
    store.entries[1] = { ...store.entries[1]!, after: { quantity: 0 } };
    rehash(store, 1);
    expect(await verifyChain(store)).toEqual({
      intact: false,
      entries: 2,
      position: 3,
      eventId: store.entries[2]!.eventId,
      reason: 'its previous hash is not the hash of the entry before',
    });
  });

  it('detects a removed entry, the first one included', async () => {
    const store = await trail(4);
    store.entries.splice(1, 1);
    expect(await verifyChain(store)).toEqual({ intact: false, entries: 1, position: 2, eventId: null, reason: 'entry missing' });
    const headless = await trail(2);
    headless.entries.shift();
    expect(await verifyChain(headless)).toMatchObject({ intact: false, entries: 0, position: 1, reason: 'entry missing' });
  });

  it('detects two entries swapped, even with their positions swapped back', async () => {
    const store = await trail(4);
    const [second, third] = [store.entries[1]!, store.entries[2]!];
    store.entries[1] = { ...third, position: 2 };
    store.entries[2] = { ...second, position: 3 };
    expect(await verifyChain(store)).toMatchObject({ intact: false, position: 2 });
  });

  it('walks a chain longer than one page, and finds a break on the second page', async () => {
    const store = await trail(1_001);
    expect(await verifyChain(store)).toEqual({ intact: true, entries: 1_001 });
    store.entries[1_000] = { ...store.entries[1_000]!, type: 'StockRestocked' };
    expect(await verifyChain(store)).toMatchObject({ intact: false, entries: 1_000, position: 1_001 });
  });
});
