import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { RunningService } from '@tributary/service-kit';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph } from '@tributary/service-kit/subgraph';
import { subgraph } from '../../../subgraphs/accounts/src/app.ts';
import { configSchema } from '../../../subgraphs/accounts/src/config.ts';
import { silentLogger } from '../../../test-support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/postgres.ts';
import { accountsClient, CREATE_USER } from './accounts-client.ts';
import { accountsUserFor } from './link-account.ts';

let database: TestDatabase;
let accounts: RunningService;

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await startSubgraph(
    subgraph,
    configSchema.parse({ PORT: '0', DATABASE_URL: database.url, SEED_PROFILE: 'none', LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    silentLogger,
  );
});

afterAll(async () => {
  await accounts?.stop();
  await database?.[Symbol.asyncDispose]();
});

const user = (sub: string, email: string) => accountsUserFor({ sub, email, name: 'Shopper' });

describe('the linking function against the real accounts subgraph', () => {
  it('sends a mutation the accounts schema accepts', () => {
    const schema = buildSubgraphSchema(parse(readFileSync(new URL('../../../schema/accounts.graphql', import.meta.url), 'utf8')));
    expect(validate(schema, parse(CREATE_USER)).map((e) => e.message)).toEqual([]);
  });

  it('creates the user and answers its id', async () => {
    const create = accountsClient(async () => accounts.url, 2_000);
    const id = await create(user('0f6e5d4c-0000-4000-8000-000000000001', 'new.shopper@example.com'));
    expect(id).toMatch(/^\d+$/);
    const check = await fetch(accounts.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ user(id: "${id}") { username name } }` }),
    }).then((r) => r.json());
    expect(check.data.user).toEqual({ username: 'new.shopper.0f6e5d4c', name: 'Shopper' });
  });

  it('fails with the accounts service reason when the email is taken, and when accounts cannot be reached', async () => {
    const create = accountsClient(async () => accounts.url, 2_000);
    await create(user('0f6e5d4c-0000-4000-8000-000000000002', 'taken@example.com'));
    await expect(create(user('1a2b3c4d-0000-4000-8000-000000000003', 'taken@example.com'))).rejects.toThrow(
      'The accounts service did not create the user: username or email is already taken',
    );
    const nowhere = accountsClient(async () => 'http://127.0.0.1:9/graphql', 500);
    await expect(nowhere(user('2b3c4d5e-0000-4000-8000-000000000004', 'x@example.com'))).rejects.toThrow();
  });
});
