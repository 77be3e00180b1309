import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl } from './config.ts';

export interface TestDatabase {
  url: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A fresh database on the real PostgreSQL server, dropped on dispose: tests never share data. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tributary_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async [Symbol.asyncDispose]() {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
