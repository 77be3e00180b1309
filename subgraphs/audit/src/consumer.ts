import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type _Record,
} from '@aws-sdk/client-kinesis';
import { emptyStats, runInRequestScope, type Logger, type Tracer } from '@tributary/service-kit';
import { parseDomainEvent, type Worker } from '@tributary/service-kit/subgraph';
import type { AuditStore } from './audit-store.ts';

export interface ConsumerOptions {
  kinesis: KinesisClient;
  streamName: string;
  store: Pick<AuditStore, 'append' | 'checkpoint'>;
  logger: Logger;
  tracer: Pick<Tracer, 'startSegment'>;
  /** Pause after a read that found nothing, or after a failure. */
  pollIntervalMs: number;
  /** How often the shard list is read again, for shards a resharding opened. @default 30000 */
  shardListIntervalMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Handles one record inside a span of the event's own trace (the trace id travels in the event),
 * so the audit entry shows up in the trace of the request that made the change.
 */
async function handle(options: ConsumerOptions, shardId: string, record: _Record): Promise<void> {
  const event = parseDomainEvent(record.Data ?? new Uint8Array());
  const checkpoint = { stream: options.streamName, shardId, sequenceNumber: record.SequenceNumber! };
  if (!event) {
    options.logger.warn({ shardId, sequenceNumber: record.SequenceNumber }, 'record is not a domain event: skipped');
    await options.store.append(null, checkpoint);
    return;
  }
  const span = options.tracer.startSegment(event.traceId ? { 'x-amzn-trace-id': `Root=${event.traceId}` } : {});
  span.annotate('event_type', event.type);
  span.annotate('event_id', event.eventId);
  span.annotate('entity', `${event.entityType}:${event.entityId}`);
  try {
    const entry = await runInRequestScope(() => options.store.append(event, checkpoint), { stats: emptyStats(), span, traceId: span.traceId });
    if (!entry) span.annotate('duplicate', true);
  } catch (error) {
    span.fault(error);
    throw error;
  } finally {
    span.close();
  }
}

/** Reads one shard from its checkpoint on, record by record, until the shard closes or the consumer stops. */
async function consumeShard(options: ConsumerOptions, shardId: string, signal: AbortSignal): Promise<void> {
  const { kinesis, streamName, store, logger } = options;
  const iteratorFromCheckpoint = async () => {
    const after = await store.checkpoint(streamName, shardId);
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: streamName,
        ShardId: shardId,
        ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  };
  let iterator: string | undefined;
  let failing = false;
  while (!signal.aborted) {
    try {
      iterator ??= await iteratorFromCheckpoint();
      if (!iterator) return;
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      for (const record of page.Records ?? []) await handle(options, shardId, record);
      // A closed shard (after a resharding) ends with no next iterator.
      iterator = page.NextShardIterator;
      if (!iterator) return;
      if (failing) logger.info({ shardId }, 'audit consumer recovered');
      failing = false;
      if (!page.Records?.length) await sleep(options.pollIntervalMs, signal);
    } catch (error) {
      // Whatever failed, start again from the checkpoint: nothing is skipped, duplicates are dropped.
      iterator = undefined;
      if (!(error instanceof ExpiredIteratorException) && !failing) logger.warn({ err: error, shardId }, 'audit consumer failed; retrying');
      failing = true;
      await sleep(options.pollIntervalMs, signal);
    }
  }
}

/** Consumes every shard of the stream into the audit trail, each shard in its own loop. */
export function startConsumer(options: ConsumerOptions): Worker {
  const controller = new AbortController();
  const loops = new Map<string, Promise<void>>();
  const discover = async () => {
    while (!controller.signal.aborted) {
      try {
        const { Shards = [] } = await options.kinesis.send(new ListShardsCommand({ StreamName: options.streamName }));
        for (const { ShardId } of Shards) {
          if (ShardId && !loops.has(ShardId)) loops.set(ShardId, consumeShard(options, ShardId, controller.signal));
        }
        await sleep(options.shardListIntervalMs ?? 30_000, controller.signal);
      } catch (error) {
        options.logger.warn({ err: error }, 'cannot list the shards of the event stream; retrying');
        await sleep(options.pollIntervalMs, controller.signal);
      }
    }
  };
  const discovering = discover();
  return {
    async stop() {
      controller.abort();
      await discovering;
      await Promise.all(loops.values());
    },
  };
}
