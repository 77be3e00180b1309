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

/**
 * The domain's refusals: reasons a client can act on. Named here, once, so every service (the
 * gateway too, which masks what subgraphs send it) shows them as they are.
 */
export const REFUSAL_CODES = [
  'OUT_OF_STOCK',
  'INSUFFICIENT_CREDIT',
  'RESERVATION_EXPIRED',
  'RESERVATION_RELEASED',
  'PAYMENT_VOIDED',
  'SERVICE_UNAVAILABLE',
  'ORDER_REJECTED',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** A refusal for a reason of the domain: nothing was changed, and the code and message are shown as they are. */
export class Refusal extends GraphQLError {
  constructor(code: RefusalCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'Refusal';
  }
}

/** The stores a subgraph may find unreachable (STORE_UNAVAILABLE's `store`), as clients read them. */
export const STORE_LABELS = { postgres: 'PostgreSQL', dynamodb: 'DynamoDB' } as const;
export type StoreName = keyof typeof STORE_LABELS;
