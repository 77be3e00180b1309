import type { NewAccountsUser } from './link-account.ts';

/** The mutation the trigger sends; checked against the accounts schema by the tests. */
export const CREATE_USER = 'mutation LinkCognitoUser($input: CreateUserInput!) { createUser(input: $input) { id } }';

/** Finds the address of one healthy accounts task (Cloud Map, as Service Connect registers it). */
export type AccountsLocator = () => Promise<string>;

/**
 * Creates accounts users over the accounts subgraph's own GraphQL endpoint. Inside the VPC the
 * function reaches accounts task to task, as the gateway does, so persisted-only mode at the
 * public edge and the rate limit do not apply to sign-ups.
 */
export function accountsClient(locate: AccountsLocator, timeoutMs: number) {
  return async (user: NewAccountsUser): Promise<string> => {
    const url = await locate();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CREATE_USER, variables: { input: user } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { data?: { createUser?: { id?: string } | null }; errors?: { message: string }[] } | null;
    const id = body?.data?.createUser?.id;
    if (response.ok && typeof id === 'string') return id;
    const reason = body?.errors?.map((e) => e.message).join('; ') || `HTTP ${response.status}`;
    throw new Error(`The accounts service did not create the user: ${reason}`);
  };
}
