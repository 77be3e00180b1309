import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '@tributary/service-kit';
import {
  batchGetAll,
  batchPutAll,
  domainEvent,
  isTableEmpty,
  OUTBOX_SEQUENCE_ATTRIBUTE,
  withOutbox,
  type DynamoOutboxRelay,
} from '@tributary/service-kit/subgraph';
import { LISTING, RANK_INDEX } from './table.ts';

export interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
  description: string;
  rank: number;
}

export interface ProductPatch {
  name?: string;
  price?: number;
  description?: string;
}

const FIELDS = ['upc', 'name', 'price', 'weight', 'description', 'rank'] as const;
const shape = (item: Record<string, unknown>): Product =>
  Object.fromEntries(FIELDS.map((f) => [f, item[f]])) as unknown as Product;

/** Writes of one item that lose to concurrent writes this often in a row give up (the caller sees an error). */
const MAX_ATTEMPTS = 8;

/** The products table: the only table the products service owns. */
export class ProductStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;

  private readonly events: DynamoOutboxRelay | undefined;

  /** `events`: the relay of the table's outboxes, flushed after each write (absent: left to a sweep). */
  constructor(doc: DynamoDBDocumentClient, table: string, events?: DynamoOutboxRelay) {
    this.doc = doc;
    this.table = table;
    this.events = events;
  }

  /** BatchGetItem in chunks of 100: one round trip for up to 100 UPCs. */
  async findByUpcs(upcs: readonly string[]): Promise<Product[]> {
    const items = await batchGetAll<Record<string, unknown>>(this.doc, this.table, upcs.map((upc) => ({ upc })), [...FIELDS]);
    return items.map(shape);
  }

  async top(first: number): Promise<Product[]> {
    const output = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: RANK_INDEX,
        KeyConditionExpression: 'listing = :l',
        ExpressionAttributeValues: { ':l': LISTING },
        ScanIndexForward: true,
        Limit: first,
      }),
    );
    return (output.Items ?? []).map(shape);
  }

  /**
   * Applies a patch to an existing product, with a `ProductUpdated` event (the patched fields
   * before and after) in the same write; null when there is no such product. The write is
   * conditioned on the item's event count being what was read, so `before` is exact: a concurrent
   * update makes this one read again.
   */
  async update(upc: string, patch: ProductPatch, viewer: Identity | null = null): Promise<Product | null> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    for (let attempt = 1; ; attempt += 1) {
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: { upc }, ConsistentRead: true }));
      if (!Item) return null;
      const sequence = Item[OUTBOX_SEQUENCE_ATTRIBUTE] as number | undefined;
      const event = domainEvent({
        service: 'products',
        entityType: 'Product',
        entityId: upc,
        type: 'ProductUpdated',
        viewer,
        data: { before: Object.fromEntries(entries.map(([k]) => [k, Item[k]])), after: Object.fromEntries(entries) },
      });
      try {
        const output = await this.doc.send(
          new UpdateCommand(
            withOutbox(
              {
                TableName: this.table,
                Key: { upc },
                ConditionExpression: `attribute_exists(upc) AND ${sequence === undefined ? 'attribute_not_exists(#sequence)' : '#sequence = :sequence'}`,
                UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
                ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])), '#sequence': OUTBOX_SEQUENCE_ATTRIBUTE },
                ExpressionAttributeValues: { ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])), ...(sequence === undefined ? {} : { ':sequence': sequence }) },
                ReturnValues: 'ALL_NEW',
              },
              [event],
            ),
          ),
        );
        this.events?.written({ upc });
        await this.events?.flush();
        return output.Attributes ? shape(output.Attributes) : null;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  isEmpty(): Promise<boolean> {
    return isTableEmpty(this.doc, this.table);
  }

  insertMany(products: readonly Product[]): Promise<void> {
    return batchPutAll(this.doc, this.table, products.map((p) => ({ ...p, listing: LISTING })));
  }
}
