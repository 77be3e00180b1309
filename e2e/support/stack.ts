import { configSchema, launchStack, type Stack } from '@tributary/stack';
import { childEnv } from '../../test-support/config.ts';
import { createTestDatabase } from '../../test-support/postgres.ts';

/** The whole graph as processes on free ports, on a fresh real PostgreSQL database and dynalite. */
export async function startTestStack(
  env: Record<string, string> = {},
): Promise<Stack & { [Symbol.asyncDispose](): Promise<void> }> {
  const database = await createTestDatabase();
  const config = configSchema.parse({ PORT: '0', DATABASE_URL: database.url, SEED_PROFILE: 'small', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env });
  const stack = await launchStack(config, { ...childEnv(), ...env });
  return {
    ...stack,
    async [Symbol.asyncDispose]() {
      await stack.stop();
      await database[Symbol.asyncDispose]();
    },
  };
}
