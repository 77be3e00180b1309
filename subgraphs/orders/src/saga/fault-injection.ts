/**
 * Where the orders process kills itself while placing an order (`ORDERS_SAGA_FAULT`), to prove
 * that a saga interrupted there is resumed or compensated on restart. Test-only: the setting is
 * refused in production. Sagas resumed on restart never crash, so the restarted process finishes them.
 */
export const FAULT_POINTS = ['none', 'after-reserve', 'after-debit', 'before-confirm'] as const;

export type FaultPoint = (typeof FAULT_POINTS)[number];

/** SIGKILL, as a crash would: no drain, no cleanup, nothing after this line runs. */
export function crashIf(point: Exclude<FaultPoint, 'none'>, configured: FaultPoint): void {
  if (point === configured) process.kill(process.pid, 'SIGKILL');
}
