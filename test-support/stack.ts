import { configSchema } from '../stack/src/config.ts';
import { launchStack, type Stack } from '../stack/src/launch.ts';
import { childEnv } from './config.ts';
import { createTestDatabase } from './postgres.ts';

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

export interface GraphQLResponse {
  status: number;
  body: { data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[]; extensions?: Record<string, any> };
  headers: Headers;
}

/** The Authorization header for a token. */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** POSTs an operation to a GraphQL endpoint. */
export async function post(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
}
