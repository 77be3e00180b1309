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
