import type { DomainEvent } from '@tributary/service-kit/subgraph';
import type { StoreStandIn } from '@tributary/service-kit/subgraph/testing';
import type { AuditEntry, AuditFilter, AuditStore, Checkpoint } from '../audit-store.ts';
import { chainEntry } from '../chain.ts';

/**
 * audit.entries and audit.checkpoints in memory, for resolver and chain tests: AuditStore's
 * behaviour (one entry per event id, chained as the store chains them, checkpoints moved with
 * the entries). `entries` is open, so a test can tamper with the trail as an intruder would.
 */
export class MemoryAuditStore implements StoreStandIn<AuditStore> {
  entries: AuditEntry[] = [];
  readonly checkpoints = new Map<string, string>();

  async append(event: DomainEvent | null, checkpoint: Checkpoint, recordedAt = new Date().toISOString()): Promise<AuditEntry | null> {
    let entry: AuditEntry | null = null;
    if (event && !this.entries.some((e) => e.eventId === event.eventId)) {
      entry = chainEntry(this.entries.at(-1) ?? null, event, recordedAt);
      this.entries.push(entry);
    }
    this.checkpoints.set(`${checkpoint.stream}/${checkpoint.shardId}`, checkpoint.sequenceNumber);
    return entry;
  }

  async checkpoint(stream: string, shardId: string): Promise<string | null> {
    return this.checkpoints.get(`${stream}/${shardId}`) ?? null;
  }

  async trail(filter: AuditFilter, first: number): Promise<AuditEntry[]> {
    const matches = (e: AuditEntry) =>
      (filter.service == null || e.service === filter.service) &&
      (filter.entityType == null || e.entityType === filter.entityType) &&
      (filter.entityId == null || e.entityId === filter.entityId);
    return this.entries.filter(matches).sort((a, b) => b.position - a.position).slice(0, first);
  }

  async chainAfter(position: number, limit: number): Promise<AuditEntry[]> {
    return this.entries.filter((e) => e.position > position).sort((a, b) => a.position - b.position).slice(0, limit);
  }
}
