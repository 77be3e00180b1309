import { describe, expect, it } from 'vitest';
import { applyEvent, foldEvents, type OrderEvent, type OrderEventData } from './order-events.ts';

const event = (sequence: number, data: OrderEventData): OrderEvent => ({ orderId: 'o1', sequence, occurredAt: `t${sequence}`, data });
const placed = event(1, { type: 'OrderPlaced', userId: '7', idempotencyKey: 'k', lines: [{ upc: 'a', quantity: 1, unitPrice: 99 }], total: 99 });

describe('an order folded from its events', () => {
  it('is PENDING once placed, with its lines and total, and takes the last event time', () => {
    const order = foldEvents([placed, event(2, { type: 'StockReserved' })])!;
    expect(order).toMatchObject({ id: 'o1', userId: '7', status: 'PENDING', total: 99, saga: 'placing', version: 2, createdAt: 't1', updatedAt: 't2' });
    expect(order.progress).toMatchObject({ reserved: true, debited: false });
  });

  it('ends REJECTED with the failure, or CONFIRMED, with no saga left', () => {
    const rejected = foldEvents([placed, event(2, { type: 'SagaFailed', step: 'reserve', code: 'OUT_OF_STOCK', message: 'm' }), event(3, { type: 'StockReleased' }), event(4, { type: 'OrderRejected', code: 'OUT_OF_STOCK', message: 'm' })])!;
    expect([rejected.status, rejected.saga, rejected.rejection]).toEqual(['REJECTED', null, { code: 'OUT_OF_STOCK', message: 'm' }]);
    const confirmed = foldEvents([placed, event(2, { type: 'StockReserved' }), event(3, { type: 'CreditDebited', amount: 99 }), event(4, { type: 'OrderConfirmed' })])!;
    expect([confirmed.status, confirmed.saga]).toEqual(['CONFIRMED', null]);
  });

  it('refuses events out of sequence, a second OrderPlaced, or a history that does not start with one', () => {
    const order = foldEvents([placed])!;
    expect(() => applyEvent(order, event(3, { type: 'StockReserved' }))).toThrow(/event 3 after 1/);
    expect(() => applyEvent(order, { ...placed, sequence: 2 })).toThrow(/placed twice/);
    expect(() => applyEvent(null, event(1, { type: 'StockReserved' }))).toThrow(/not OrderPlaced/);
  });
});
