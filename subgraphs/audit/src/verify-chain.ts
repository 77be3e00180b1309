import type { AuditStore } from './audit-store.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';

export type Verdict =
  | { intact: true; entries: number }
  | { intact: false; entries: number; position: number; eventId: string | null; reason: string };

const PAGE = 1_000;

/**
 * Walks the chain from its first entry: positions without gaps from 1, each entry's previous hash
 * the hash of the entry before, each hash the one its content gives. Stops at the first break.
 */
export async function verifyChain(store: Pick<AuditStore, 'chainAfter'>): Promise<Verdict> {
  let previousHash = GENESIS_HASH;
  let position = 0;
  for (;;) {
    const page = await store.chainAfter(position, PAGE);
    for (const { previousHash: linked, hash, ...fields } of page) {
      const broken = (reason: string): Verdict => ({ intact: false, entries: position, position: fields.position, eventId: fields.eventId, reason });
      if (fields.position !== position + 1) return { intact: false, entries: position, position: position + 1, eventId: null, reason: 'entry missing' };
      if (linked !== previousHash) return broken("its previous hash is not the hash of the entry before");
      if (entryHash(linked, fields) !== hash) return broken('its content does not give its hash (altered)');
      previousHash = hash;
      position = fields.position;
    }
    if (page.length < PAGE) return { intact: true, entries: position };
  }
}
