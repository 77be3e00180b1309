import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The payments table: one item per user with the balance and the orders it was debited or refunded for. */
export const paymentsTable = (TableName: string): CreateTableCommandInput => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
});
