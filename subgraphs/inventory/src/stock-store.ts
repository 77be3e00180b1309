import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, batchPutAll, isTableEmpty } from '@tributary/service-kit/subgraph';
import { ReservationStore } from './reservation-store.ts';

export interface Stock {
  upc: string;
  quantity: number;
}

export const MAX_QUANTITY = 1_000_000;
export const DEFAULT_RESERVATION_TTL_MS = 600_000;

/** The inventory table: the only table the inventory service owns. */
export class StockStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  /** The orders' reservations of this stock, in the same table. */
  readonly reservations: ReservationStore;

  constructor(doc: DynamoDBDocumentClient, table: string, reservationTtlMs = DEFAULT_RESERVATION_TTL_MS) {
    this.doc = doc;
    this.table = table;
    this.reservations = new ReservationStore(doc, table, reservationTtlMs);
  }

  /** BatchGetItem in chunks of 100: one round trip for up to 100 UPCs. */
  findByUpcs(upcs: readonly string[]): Promise<Stock[]> {
    return batchGetAll<Stock>(this.doc, this.table, upcs.map((upc) => ({ upc })), ['upc', 'quantity']);
  }

  async set(upc: string, quantity: number): Promise<Stock> {
    // An update, not a put: the reservations' markers on the item (holds, returns) must survive.
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { upc },
        UpdateExpression: 'SET quantity = :quantity',
        ExpressionAttributeValues: { ':quantity': quantity },
      }),
    );
    return { upc, quantity };
  }

  /** Adds to the stock atomically; null when the result would exceed MAX_QUANTITY. */
  async add(upc: string, amount: number): Promise<Stock | null> {
    try {
      const output = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { upc },
          UpdateExpression: 'ADD quantity :amount',
          ConditionExpression: 'attribute_not_exists(quantity) OR quantity <= :limit',
          ExpressionAttributeValues: { ':amount': amount, ':limit': MAX_QUANTITY - amount },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { upc, quantity: Number(output.Attributes?.quantity) };
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return null;
      throw error;
    }
  }

  isEmpty(): Promise<boolean> {
    return isTableEmpty(this.doc, this.table);
  }

  insertMany(items: readonly Stock[]): Promise<void> {
    return batchPutAll(this.doc, this.table, items.map((s) => ({ ...s })));
  }
}
