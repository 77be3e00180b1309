import type { Order } from '../order-events.ts';

/** A step's answer: done (now or before: every step is idempotent by order), or refused for a reason the client can act on. */
export type StepOutcome = { ok: true } | { ok: false; code: string; message: string };

/**
 * The saga's steps and compensations in the services that own the data, each keyed by the order
 * (so a retry never reserves or charges twice). A refusal is an outcome; a fault (a service down,
 * a timeout) throws, and the step is retried.
 */
export interface SagaSteps {
  reserve(order: Order): Promise<StepOutcome>;
  debit(order: Order): Promise<StepOutcome>;
  confirm(order: Order): Promise<StepOutcome>;
  /** Safe before the debit, or without one: it voids a debit that arrives late. */
  refund(order: Order): Promise<void>;
  /** Safe before the reservation, or without one: it voids a reservation that arrives late. */
  release(order: Order): Promise<void>;
}
