import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Check } from '../../http/readiness.ts';
import type { Db } from './postgres.ts';

/** Ready while PostgreSQL answers a trivial query, within the pool's timeouts. */
export const postgresCheck = (db: Pick<Db, 'query'>): Check => async () => {
  await db.query('SELECT 1');
};

/** Ready while the table can be described (the endpoint answers and the table exists). */
export const dynamoTableCheck = (client: DynamoDBClient, table: string): Check => async () => {
  await client.send(new DescribeTableCommand({ TableName: table }));
};
