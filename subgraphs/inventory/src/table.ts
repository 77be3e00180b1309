import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The GSI of reservations not yet confirmed or released, by expiry (sparse: only they carry `sweep`). */
export const BY_EXPIRY = 'byExpiry';

/** The inventory table: one item per product UPC with its quantity, and the orders' reservations. */
export const inventoryTable = (TableName: string): CreateTableCommandInput => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'upc', AttributeType: 'S' },
    { AttributeName: 'sweep', AttributeType: 'S' },
    { AttributeName: 'expiresAt', AttributeType: 'N' },
  ],
  KeySchema: [{ AttributeName: 'upc', KeyType: 'HASH' }],
  GlobalSecondaryIndexes: [
    {
      IndexName: BY_EXPIRY,
      KeySchema: [
        { AttributeName: 'sweep', KeyType: 'HASH' },
        { AttributeName: 'expiresAt', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    },
  ],
});
