// An order is the fold of its events (event sourcing): this module is the only place that says
// what each event does to it, for the saga's decisions and for the projection queries read.

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

export interface OrderLine {
  upc: string;
  quantity: number;
  /** Cents, as charged: the catalog's price when the order was placed. */
  unitPrice: number;
}

/** A refusal a client can act on: `OUT_OF_STOCK`, `INSUFFICIENT_CREDIT`, … */
export interface Rejection {
  code: string;
  message: string;
}

export type OrderEventData =
  | { type: 'OrderPlaced'; userId: string; idempotencyKey: string; lines: OrderLine[]; total: number }
  | { type: 'StockReserved' }
  | { type: 'CreditDebited'; amount: number }
  | { type: 'OrderConfirmed' }
  | { type: 'SagaFailed'; step: string; code: string; message: string }
  | { type: 'CreditRefunded'; amount: number }
  | { type: 'StockReleased' }
  | { type: 'OrderRejected'; code: string; message: string }
  | { type: 'CancelRequested' }
  | { type: 'OrderCancelled' };

export type OrderEventType = OrderEventData['type'];

export interface OrderEvent {
  orderId: string;
  sequence: number;
  occurredAt: string;
  data: OrderEventData;
}

/** What the saga has done on the order: the steps done and undone, and why it failed. */
export interface SagaProgress {
  reserved: boolean;
  debited: boolean;
  refunded: boolean;
  released: boolean;
  failure: Rejection | null;
}

export interface Order {
  id: string;
  userId: string;
  idempotencyKey: string;
  status: OrderStatus;
  lines: OrderLine[];
  total: number;
  rejection: Rejection | null;
  saga: 'placing' | 'cancelling' | null;
  progress: SagaProgress;
  /** The sequence of the last event folded in. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

const idle: SagaProgress = { reserved: false, debited: false, refunded: false, released: false, failure: null };

/** The order after one more event. The first event must be OrderPlaced. */
export function applyEvent(order: Order | null, event: OrderEvent): Order {
  const { data } = event;
  if (!order) {
    if (data.type !== 'OrderPlaced') throw new Error(`order ${event.orderId} starts with ${data.type}, not OrderPlaced`);
    return {
      id: event.orderId,
      userId: data.userId,
      idempotencyKey: data.idempotencyKey,
      status: 'PENDING',
      lines: data.lines,
      total: data.total,
      rejection: null,
      saga: 'placing',
      progress: idle,
      version: event.sequence,
      createdAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
  }
  if (event.sequence !== order.version + 1) throw new Error(`order ${order.id}: event ${event.sequence} after ${order.version}`);
  const next: Order = { ...order, version: event.sequence, updatedAt: event.occurredAt };
  const progress = (change: Partial<SagaProgress>): Order => ({ ...next, progress: { ...order.progress, ...change } });
  switch (data.type) {
    case 'OrderPlaced':
      throw new Error(`order ${order.id} placed twice`);
    case 'StockReserved':
      return progress({ reserved: true });
    case 'CreditDebited':
      return progress({ debited: true });
    case 'OrderConfirmed':
      return { ...next, status: 'CONFIRMED', saga: null };
    case 'SagaFailed':
      return progress({ failure: { code: data.code, message: data.message } });
    case 'CreditRefunded':
      return progress({ refunded: true });
    case 'StockReleased':
      return progress({ released: true });
    case 'OrderRejected':
      return { ...next, status: 'REJECTED', saga: null, rejection: { code: data.code, message: data.message } };
    case 'CancelRequested':
      // Cancelling gives back what the confirmed order took: a fresh round of compensations.
      return { ...next, saga: 'cancelling', progress: { ...order.progress, refunded: false, released: false } };
    case 'OrderCancelled':
      return { ...next, status: 'CANCELLED', saga: null };
  }
}

/** Folds an order's events, in sequence order. */
export const foldEvents = (events: readonly OrderEvent[]): Order | null => events.reduce<Order | null>(applyEvent, null);
