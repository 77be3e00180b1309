import { GraphQLError } from 'graphql';

/** A client mistake: the operation is rejected and nothing is written. */
export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
  });
}

/** Throws BAD_USER_INPUT unless `first` lies in [1, max]. */
export function checkPageSize(first: number, max: number, field = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(`${field} must be between 1 and ${max}`, field);
  }
  return first;
}

/** No verified identity where one is required. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

/** A verified identity that may not do this: another user's data, or a missing scope. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** The stores a subgraph may find unreachable (STORE_UNAVAILABLE's `store`), as clients read them. */
export const STORE_LABELS = { postgres: 'PostgreSQL', dynamodb: 'DynamoDB' } as const;
export type StoreName = keyof typeof STORE_LABELS;
