import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The inventory table: one item per product UPC with its quantity. */
export const inventoryTable = (TableName: string): CreateTableCommandInput => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'upc', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'upc', KeyType: 'HASH' }],
});
