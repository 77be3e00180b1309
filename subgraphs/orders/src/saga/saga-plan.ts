import type { Order } from '../order-events.ts';

/** What the saga does next on an order: a step, a compensation, or the end it reaches. */
export type SagaAction = 'reserve' | 'debit' | 'confirm' | 'refund' | 'release' | 'reject' | 'cancel';

/**
 * The saga's decision from the order's events alone, so a process that resumes after a crash
 * takes the same path as one that never stopped. Forward: reserve, debit, confirm. After a
 * failure, each step that may have happened is undone in reverse order: the debit when the
 * reservation was recorded (the debit may have run before the crash), the reservation always
 * (it may have run without being recorded). Both are safe when the step never happened.
 */
export function nextAction(order: Order): SagaAction | null {
  const { saga, progress } = order;
  if (saga === 'placing' && !progress.failure) {
    if (!progress.reserved) return 'reserve';
    if (!progress.debited) return 'debit';
    return 'confirm';
  }
  if (saga === 'placing') {
    if (progress.reserved && !progress.refunded) return 'refund';
    if (!progress.released) return 'release';
    return 'reject';
  }
  if (saga === 'cancelling') {
    if (!progress.refunded) return 'refund';
    if (!progress.released) return 'release';
    return 'cancel';
  }
  return null;
}
