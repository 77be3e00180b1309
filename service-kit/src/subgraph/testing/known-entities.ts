import type { EntityClient } from '../entity-client/entity-client.ts';
import type { RecordedCall } from './recorded-calls.ts';

/**
 * A stand-in for another subgraph behind an EntityClient: the keys that exist, by type (e.g.
 * `{ Product: ['p1'] }`). It answers `existing` as the owner would and records each call.
 */
export function knownEntities(keysByType: Record<string, readonly string[]>): Pick<EntityClient, 'existing'> & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    async existing(typename: string, keyField: string, keys: string[]) {
      calls.push({ method: 'existing', args: [typename, keyField, keys] });
      const known = new Set(keysByType[typename] ?? []);
      return new Set(keys.filter((key) => known.has(key)));
    },
  };
}
