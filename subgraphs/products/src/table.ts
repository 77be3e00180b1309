import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Every product carries this partition value for the rank index (one ordered catalog list). */
export const LISTING = 'catalog';
export const RANK_INDEX = 'byRank';

/** The products table: by UPC, plus a GSI ordering the catalog by rank for topProducts. */
export const productsTable = (TableName: string): CreateTableCommandInput => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'upc', AttributeType: 'S' },
    { AttributeName: 'listing', AttributeType: 'S' },
    { AttributeName: 'rank', AttributeType: 'N' },
  ],
  KeySchema: [{ AttributeName: 'upc', KeyType: 'HASH' }],
  GlobalSecondaryIndexes: [
    {
      IndexName: RANK_INDEX,
      KeySchema: [
        { AttributeName: 'listing', KeyType: 'HASH' },
        { AttributeName: 'rank', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
});
