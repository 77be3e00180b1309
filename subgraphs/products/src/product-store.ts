import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, batchPutAll, isTableEmpty } from '@tributary/service-kit/subgraph';
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

/** The products table: the only table the products service owns. */
export class ProductStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(doc: DynamoDBDocumentClient, table: string) {
    this.doc = doc;
    this.table = table;
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

  /** Applies a patch to an existing product; null when there is no such product. */
  async update(upc: string, patch: ProductPatch): Promise<Product | null> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    try {
      const output = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { upc },
          ConditionExpression: 'attribute_exists(upc)',
          UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return output.Attributes ? shape(output.Attributes) : null;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return null;
      throw error;
    }
  }

  isEmpty(): Promise<boolean> {
    return isTableEmpty(this.doc, this.table);
  }

  insertMany(products: readonly Product[]): Promise<void> {
    return batchPutAll(this.doc, this.table, products.map((p) => ({ ...p, listing: LISTING })));
  }
}
