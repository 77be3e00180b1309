import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { validatePlaceOrder } from './validation.ts';

const field = (input: Parameters<typeof validatePlaceOrder>[0]) => {
  try {
    validatePlaceOrder(input);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).extensions.field;
  }
  return 'accepted';
};

describe('placeOrder input', () => {
  const line = { productUpc: '100000000001', quantity: 1 };
  it('takes 1 to 50 lines of 1 to 9,999 units, each product once, with a key', () => {
    expect(field({ lines: [line, { productUpc: '100000000002', quantity: 9_999 }], idempotencyKey: 'order:2026-12-01.1' })).toBe('accepted');
    expect(field({ lines: [], idempotencyKey: 'k' })).toBe('lines');
    expect(field({ lines: Array.from({ length: 51 }, (_, i) => ({ productUpc: String(i), quantity: 1 })), idempotencyKey: 'k' })).toBe('lines');
    expect(field({ lines: [{ ...line, quantity: 0 }], idempotencyKey: 'k' })).toBe('quantity');
    expect(field({ lines: [{ ...line, quantity: 10_000 }], idempotencyKey: 'k' })).toBe('quantity');
    expect(field({ lines: [{ ...line, quantity: 1.5 }], idempotencyKey: 'k' })).toBe('quantity');
    expect(field({ lines: [line, line], idempotencyKey: 'k' })).toBe('lines');
    expect(field({ lines: [{ ...line, productUpc: "1' OR 1=1" }], idempotencyKey: 'k' })).toBe('productUpc');
    expect(field({ lines: [line], idempotencyKey: '' })).toBe('idempotencyKey');
    expect(field({ lines: [line], idempotencyKey: 'x'.repeat(101) })).toBe('idempotencyKey');
  });
});
