import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Readiness } from './http-server.ts';
import type { Db } from '../subgraph/stores/postgres.ts';

type Check = () => Promise<void>;

/** Runs named checks together; ready only when all pass. */
export const readinessOf = (checks: Record<string, Check>) => async (): Promise<Readiness> => {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, (error as Error).message || 'failed'] as const;
      }
    }),
  );
  return { ready: entries.every(([, status]) => status === 'ok'), checks: Object.fromEntries(entries) };
};

export const postgresCheck = (db: Pick<Db, 'query'>): Check => async () => {
  await db.query('SELECT 1');
};

export const dynamoTableCheck = (client: DynamoDBClient, table: string): Check => async () => {
  await client.send(new DescribeTableCommand({ TableName: table }));
};
