import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '@tributary/service-kit';
import { batchGetAll, batchPutAll, domainEvent, isTableEmpty, withOutbox, type DynamoOutboxRelay } from '@tributary/service-kit/subgraph';
import { ReservationStore, type Reservations } from './reservation-store.ts';

export interface Stock {
  upc: string;
  quantity: number;
}

export const MAX_QUANTITY = 1_000_000;
export const DEFAULT_RESERVATION_TTL_MS = 600_000;

/** Writes of one item that lose to concurrent writes this often in a row give up (the caller sees an error). */
const MAX_ATTEMPTS = 8;

/** The inventory table: the only table the inventory service owns. */
export class StockStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;

  private readonly events: DynamoOutboxRelay | undefined;
  /** The orders' reservations of this stock, in the same table. */
  readonly reservations: Reservations;

  /** `events`: the relay of the table's outboxes, flushed after each write (absent: left to a sweep). */
  constructor(doc: DynamoDBDocumentClient, table: string, events?: DynamoOutboxRelay, reservationTtlMs = DEFAULT_RESERVATION_TTL_MS) {
    this.doc = doc;
    this.table = table;
    this.events = events;
    this.reservations = new ReservationStore(doc, table, reservationTtlMs, events);
  }

  /** BatchGetItem in chunks of 100: one round trip for up to 100 UPCs. */
  findByUpcs(upcs: readonly string[]): Promise<Stock[]> {
    return batchGetAll<Stock>(this.doc, this.table, upcs.map((upc) => ({ upc })), ['upc', 'quantity']);
  }

  /** Sets the stock, with a `StockSet` event (before and after) in the same write. */
  set(upc: string, quantity: number, viewer: Identity | null = null): Promise<Stock> {
    return this.change(upc, viewer, 'StockSet', () => quantity) as Promise<Stock>;
  }

  /** Adds to the stock, with a `StockRestocked` event; null when the result would exceed MAX_QUANTITY. */
  add(upc: string, amount: number, viewer: Identity | null = null): Promise<Stock | null> {
    return this.change(upc, viewer, 'StockRestocked', (before) => (before + amount > MAX_QUANTITY ? null : before + amount), { amount });
  }

  /**
   * Read, then write conditioned on the quantity read (optimistic concurrency): the event states
   * the quantity before and after exactly, and a concurrent change makes this one read again.
   */
  private async change(
    upc: string,
    viewer: Identity | null,
    type: string,
    next: (before: number) => number | null,
    data: Record<string, unknown> = {},
  ): Promise<Stock | null> {
    for (let attempt = 1; ; attempt += 1) {
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: { upc }, ProjectionExpression: 'quantity', ConsistentRead: true }));
      const before = Item?.quantity === undefined ? undefined : Number(Item.quantity);
      const quantity = next(before ?? 0);
      if (quantity === null) return null;
      const event = domainEvent({
        service: 'inventory',
        entityType: 'Stock',
        entityId: upc,
        type,
        viewer,
        data: { ...data, before: before === undefined ? null : { quantity: before }, after: { quantity } },
      });
      try {
        await this.doc.send(
          new UpdateCommand(
            withOutbox(
              {
                TableName: this.table,
                Key: { upc },
                UpdateExpression: 'SET quantity = :quantity',
                ConditionExpression: before === undefined ? 'attribute_not_exists(quantity)' : 'quantity = :before',
                ExpressionAttributeValues: { ':quantity': quantity, ...(before === undefined ? {} : { ':before': before }) },
              },
              [event],
            ),
          ),
        );
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException' && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
      this.events?.written({ upc });
      await this.events?.flush();
      return { upc, quantity };
    }
  }

  isEmpty(): Promise<boolean> {
    return isTableEmpty(this.doc, this.table);
  }

  insertMany(items: readonly Stock[]): Promise<void> {
    return batchPutAll(this.doc, this.table, items.map((s) => ({ ...s })));
  }
}
