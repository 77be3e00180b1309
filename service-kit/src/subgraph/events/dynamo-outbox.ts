import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '../../observability/logger.ts';
import type { DomainEvent, NewDomainEvent } from './domain-event.ts';
import type { EventStream } from './kinesis-stream.ts';
import { relayLoop, type OutboxRelay } from './relay-loop.ts';

// dynalite has no transactions (and DynamoDB's cost twice the writes), so an item carries its own
// outbox: the change and its events are one UpdateItem, atomic and conditional like any other.
// `outbox` is the list of the item's unpublished events, `outboxSequence` the number of the last
// event ever appended. The events in the list are therefore numbered
// outboxSequence - length + 1 … outboxSequence, which the relay stamps on them as it publishes.
// `outboxPending` is set while the list may hold events: a sparse index on it lets the relay find
// such items with a Query, never a Scan.

/** The item attribute holding its unpublished events. */
export const OUTBOX_ATTRIBUTE = 'outbox';
/** The item attribute counting its events: the sequence of the last one. */
export const OUTBOX_SEQUENCE_ATTRIBUTE = 'outboxSequence';

/** Present (`pending`) while the item may hold unpublished events; the sparse index's key. */
export const OUTBOX_PENDING_ATTRIBUTE = 'outboxPending';
/** The sparse global secondary index of items with pending events (keys only). */
export const OUTBOX_INDEX = 'outboxPending';

/** A table definition with the outbox's sparse index added: what a table with item outboxes needs. */
export function withOutboxIndex(table: CreateTableCommandInput): CreateTableCommandInput {
  return {
    ...table,
    AttributeDefinitions: [...(table.AttributeDefinitions ?? []), { AttributeName: OUTBOX_PENDING_ATTRIBUTE, AttributeType: 'S' }],
    GlobalSecondaryIndexes: [
      ...(table.GlobalSecondaryIndexes ?? []),
      { IndexName: OUTBOX_INDEX, KeySchema: [{ AttributeName: OUTBOX_PENDING_ATTRIBUTE, KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
  };
}

type StoredEvent = Omit<DomainEvent, 'sequence'>;

function addClause(expression: string, keyword: 'SET' | 'ADD', clause: string): string {
  const pattern = new RegExp(`\\b${keyword}\\s+`, 'i');
  return pattern.test(expression) ? expression.replace(pattern, `${keyword} ${clause}, `) : `${expression} ${keyword} ${clause}`;
}

/**
 * The same UpdateItem, also appending `events` to the item's outbox and counting them: the change
 * and its events are written together or not at all (a failed condition writes neither). Only an
 * UpdateItem can carry them: a PutItem would replace the item and drop its unpublished events.
 */
export function withOutbox<T extends UpdateCommandInput>(update: T, events: readonly NewDomainEvent[]): T {
  if (!update.UpdateExpression) throw new Error('withOutbox needs an UpdateExpression');
  const stored: StoredEvent[] = events.map(({ sequence: _, ...event }) => event);
  let expression = addClause(
    update.UpdateExpression,
    'SET',
    '#outbox = list_append(if_not_exists(#outbox, :outboxEmpty), :outboxEvents), #outboxPending = :outboxPending',
  );
  expression = addClause(expression, 'ADD', '#outboxSequence :outboxCount');
  return {
    ...update,
    UpdateExpression: expression,
    ExpressionAttributeNames: {
      ...update.ExpressionAttributeNames,
      '#outbox': OUTBOX_ATTRIBUTE,
      '#outboxSequence': OUTBOX_SEQUENCE_ATTRIBUTE,
      '#outboxPending': OUTBOX_PENDING_ATTRIBUTE,
    },
    ExpressionAttributeValues: {
      ...update.ExpressionAttributeValues,
      ':outboxEmpty': [],
      ':outboxEvents': stored,
      ':outboxCount': stored.length,
      ':outboxPending': 'pending',
    },
  };
}

/** An item's pending events, numbered. */
export function pendingEvents(item: Record<string, unknown> | undefined): DomainEvent[] {
  const outbox = (item?.[OUTBOX_ATTRIBUTE] as StoredEvent[] | undefined) ?? [];
  const last = Number(item?.[OUTBOX_SEQUENCE_ATTRIBUTE] ?? 0);
  return outbox.map((event, i) => ({ ...event, sequence: last - outbox.length + 1 + i }));
}

export interface DynamoRelayOptions {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The table's key attributes, e.g. `['upc']`. */
  keyAttributes: string[];
  stream: EventStream;
  logger: Logger;
  /**
   * How often the sparse index is queried for items with pending events: what a process that
   * stopped between its write and its flush left. Writes flush their own items at once. @default 30000
   */
  sweepIntervalMs?: number;
}

export interface DynamoOutboxRelay extends OutboxRelay {
  /** Marks an item as written: the next flush (or pass) publishes its events. */
  written(key: Record<string, unknown>): void;
}

/**
 * Publishes one item's outbox in order, then removes what was published from the front of the list,
 * each removal conditioned on that event still being first (another relay may have removed it
 * already; events appended meanwhile are at the end and stay). Returns how many were published.
 */
export async function relayItem(options: DynamoRelayOptions, key: Record<string, unknown>): Promise<number> {
  const { doc, table, stream } = options;
  const { Item } = await doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  const events = pendingEvents(Item);
  if (!events.length) {
    if (Item?.[OUTBOX_PENDING_ATTRIBUTE] !== undefined) await clearPending(options, key);
    return 0;
  }
  const published = await stream.publishInOrder(events);
  // One REMOVE per event, each conditioned on the event being first: dynalite removes several
  // indices of one REMOVE one after the other (shifting), DynamoDB all at once.
  for (const event of events.slice(0, published)) {
    try {
      await doc.send(
        new UpdateCommand({
          TableName: table,
          Key: key,
          UpdateExpression: 'REMOVE #outbox[0]',
          ConditionExpression: '#outbox[0].eventId = :id',
          ExpressionAttributeNames: { '#outbox': OUTBOX_ATTRIBUTE },
          ExpressionAttributeValues: { ':id': event.eventId },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
  if (published === events.length) await clearPending(options, key);
  return published;
}

/** Takes the item out of the sparse index, unless an event was appended meanwhile. */
async function clearPending({ doc, table }: DynamoRelayOptions, key: Record<string, unknown>): Promise<void> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'REMOVE #outboxPending',
        ConditionExpression: 'size(#outbox) = :zero',
        ExpressionAttributeNames: { '#outbox': OUTBOX_ATTRIBUTE, '#outboxPending': OUTBOX_PENDING_ATTRIBUTE },
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** The keys of every item with pending events, from the sparse index (eventually consistent: the sweep only). */
async function itemsWithEvents({ doc, table, keyAttributes }: DynamoRelayOptions): Promise<Record<string, unknown>[]> {
  const keys: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: OUTBOX_INDEX,
        ExclusiveStartKey: start,
        KeyConditionExpression: '#pending = :pending',
        ExpressionAttributeNames: { '#pending': OUTBOX_PENDING_ATTRIBUTE },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );
    for (const item of page.Items ?? []) keys.push(Object.fromEntries(keyAttributes.map((name) => [name, item[name]])));
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

/**
 * The relay of a table whose items carry outboxes: `written(key)` + `flush()` publish a write's
 * events at once; a sweep of the sparse index (at start, then every `sweepIntervalMs`) catches the rest.
 * At least once and in order per item, like the PostgreSQL relay.
 */
export function startDynamoOutboxRelay(options: DynamoRelayOptions): DynamoOutboxRelay {
  const dirty = new Map<string, Record<string, unknown>>();
  let sweepDue = true;
  const sweepEvery = options.sweepIntervalMs ?? 30_000;
  const sweepTimer = setInterval(() => (sweepDue = true), sweepEvery);
  sweepTimer.unref();
  const pass = async () => {
    if (sweepDue) {
      sweepDue = false;
      for (const key of await itemsWithEvents(options)) dirty.set(JSON.stringify(key), key);
    }
    const keys = [...dirty];
    dirty.clear();
    let published = 0;
    let failure: unknown;
    for (const [id, key] of keys) {
      try {
        published += await relayItem(options, key);
      } catch (error) {
        dirty.set(id, key);
        failure ??= error;
      }
    }
    if (failure) throw failure;
    return published;
  };
  const loop = relayLoop(`${options.table}.outbox`, Math.min(1_000, sweepEvery), options.logger, pass);
  return {
    written: (key) => void dirty.set(JSON.stringify(key), key),
    flush: loop.flush,
    async stop() {
      clearInterval(sweepTimer);
      await loop.stop();
    },
  };
}
