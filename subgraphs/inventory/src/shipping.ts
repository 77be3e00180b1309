/** Orders from $100 ship free. */
export const FREE_SHIPPING_FROM = 10_000;
const BASE = 499;
const PER_STARTED_KG = 150;

/** Shipping cost in cents, from the price (cents) and weight (grams) the products service owns. */
export function shippingEstimate(price: number, weight: number): number {
  if (price >= FREE_SHIPPING_FROM) return 0;
  return BASE + Math.ceil(Math.max(weight, 0) / 1000) * PER_STARTED_KG;
}
