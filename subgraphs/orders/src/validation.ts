import { badUserInput } from '@tributary/service-kit';
import type { PlaceOrderInput } from './generated/resolver-types.ts';

export const MAX_LINES = 50;
export const MAX_UNITS = 9_999;
/** Cents: the most store credit a balance may hold, so no larger order could ever be paid. */
export const MAX_TOTAL = 100_000_000;

export interface RequestedLine {
  upc: string;
  quantity: number;
}

const UPC = /^[A-Za-z0-9_-]{1,64}$/;
const KEY = /^[A-Za-z0-9_.:-]{1,100}$/;
const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isOrderId = (id: string) => ORDER_ID.test(id);

export function checkOrderId(id: string): string {
  if (!isOrderId(id)) throw badUserInput('id must be an order id (a UUID)', 'id');
  return id;
}

/** Checks placeOrder's shape before anything is asked or written (the products' existence is asked next). */
export function validatePlaceOrder(input: PlaceOrderInput): { lines: RequestedLine[]; idempotencyKey: string } {
  if (!KEY.test(input.idempotencyKey)) {
    throw badUserInput("idempotencyKey must be 1 to 100 characters of letters, digits, '-', '_', ':' or '.'", 'idempotencyKey');
  }
  if (input.lines.length < 1 || input.lines.length > MAX_LINES) throw badUserInput(`an order has 1 to ${MAX_LINES} lines`, 'lines');
  const seen = new Set<string>();
  const lines = input.lines.map(({ productUpc, quantity }) => {
    if (!UPC.test(productUpc)) throw badUserInput('productUpc is not a valid UPC', 'productUpc');
    if (seen.has(productUpc)) throw badUserInput(`product ${productUpc} appears twice: one line per product`, 'lines');
    seen.add(productUpc);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_UNITS) {
      throw badUserInput(`quantity must be between 1 and ${MAX_UNITS}`, 'quantity');
    }
    return { upc: productUpc, quantity };
  });
  return { lines, idempotencyKey: input.idempotencyKey };
}
