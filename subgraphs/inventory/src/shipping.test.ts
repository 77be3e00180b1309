import { describe, expect, it } from 'vitest';
import { FREE_SHIPPING_FROM, shippingEstimate } from './shipping.ts';

describe('shippingEstimate', () => {
  it('is free from $100', () => {
    expect(shippingEstimate(FREE_SHIPPING_FROM, 50_000)).toBe(0);
  });
  it('charges a base plus each started kilogram below that', () => {
    expect(shippingEstimate(999, 0)).toBe(499);
    expect(shippingEstimate(999, 1)).toBe(649);
    expect(shippingEstimate(999, 1000)).toBe(649);
    expect(shippingEstimate(999, 1001)).toBe(799);
  });
});
