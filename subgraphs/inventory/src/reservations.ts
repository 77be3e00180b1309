import { badUserInput, Refusal } from '@tributary/service-kit';
import type { InventoryContext } from './context.ts';
import type { MutationResolvers } from './generated/resolver-types.ts';
import { isUpc } from './loaders.ts';
import type { Reservation } from './reservation-store.ts';

/** Most lines and units an order may reserve per line: the same bounds orders checks. */
const MAX_LINES = 50;
const MAX_UNITS = 9_999;
// As the orders service makes them (randomUUID): 36 hex digits and dashes alone would let '----…' through.
const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const shown = (r: Reservation) => ({ orderId: r.orderId, state: r.state.toUpperCase(), expiresAt: new Date(r.expiresAt).toISOString() });

const released = () =>
  new Refusal('RESERVATION_RELEASED', 'The reservation was released (expired or compensated)');

function checkOrderId(orderId: string): void {
  if (!ORDER_ID.test(orderId)) throw badUserInput('orderId must be a UUID', 'orderId');
}

const invalidateStock = (context: InventoryContext, upcs: string[]) => context.cache.invalidate('Stock', upcs);

/** The saga's steps in inventory: each idempotent by order, so the orders service may retry any of them. */
export const reservationMutations: Pick<MutationResolvers, 'reserveStock' | 'confirmReservation' | 'releaseReservation'> = {
  reserveStock: async (_, { orderId, lines }, context) => {
    checkOrderId(orderId);
    if (lines.length < 1 || lines.length > MAX_LINES) throw badUserInput(`an order has 1 to ${MAX_LINES} lines`, 'lines');
    const upcs = new Set(lines.map((l) => l.upc));
    if (upcs.size !== lines.length) throw badUserInput('each product once per order', 'lines');
    for (const line of lines) {
      if (!isUpc(line.upc)) throw badUserInput('upc is not a valid UPC', 'upc');
      if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_UNITS) {
        throw badUserInput(`quantity must be between 1 and ${MAX_UNITS}`, 'quantity');
      }
    }
    const outcome = await context.store.reservations.reserve(orderId, lines);
    await invalidateStock(context, [...upcs]);
    if (outcome === 'released') throw released();
    if ('outOfStock' in outcome) {
      throw new Refusal('OUT_OF_STOCK', `Not enough stock of ${outcome.outOfStock}`, { upc: outcome.outOfStock });
    }
    return shown(outcome);
  },
  confirmReservation: async (_, { orderId }, { store }) => {
    checkOrderId(orderId);
    const outcome = await store.reservations.confirm(orderId);
    if (outcome === 'released') throw released();
    if (!outcome) throw badUserInput('no held reservation for this order', 'orderId');
    return shown(outcome);
  },
  releaseReservation: async (_, { orderId }, context) => {
    checkOrderId(orderId);
    const reservation = await context.store.reservations.release(orderId);
    await invalidateStock(context, reservation.lines.map((l) => l.upc));
    return shown(reservation);
  },
};
