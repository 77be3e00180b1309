import type { Logger } from '../../observability/logger.ts';

/** A relay running in the service that owns an outbox. */
export interface OutboxRelay {
  /**
   * Publishes what is pending now and resolves when done; never rejects (what fails stays in the
   * outbox for the next pass). A write awaits it after committing, so the publish is part of the
   * request's trace and the event reaches the stream at once.
   */
  flush(): Promise<void>;
  /** Stops the timer and waits for the pass in flight. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs` and on `flush()`, one pass at a time: passes never overlap in one
 * process, so one process publishes an entity's events in order. A failed pass is logged and retried
 * at the next tick: at least once, never lost.
 */
export function relayLoop(name: string, intervalMs: number, logger: Logger, pass: () => Promise<number>): OutboxRelay {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let failing = false;
  const run = (): Promise<void> => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        const published = await pass();
        if (published) logger.debug({ relay: name, published }, 'events published');
        if (failing) logger.info({ relay: name }, 'event relay recovered');
        failing = false;
      } catch (error) {
        if (!failing) logger.warn({ err: error, relay: name }, 'event relay pass failed; retrying');
        failing = true;
      }
    });
    return running;
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    flush: run,
    async stop() {
      clearInterval(timer);
      await running;
      stopped = true;
    },
  };
}

/** Splits events into runs per entity, each in sequence order, the entities in order of first appearance. */
export function byEntity<T extends { entityType: string; entityId: string; sequence: number }>(events: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const event of events) {
    const key = `${event.entityType}:${event.entityId}`;
    const group = groups.get(key) ?? [];
    group.push(event);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a.sequence - b.sequence));
}
