import { Counter } from 'prom-client';
import { registry } from '@tributary/service-kit';

/** How sagas end, by outcome and reason: GET /metrics. */
export const sagaOutcomes = new Counter({
  name: 'orders_saga_outcomes_total',
  help: 'Order sagas finished, by outcome (confirmed, rejected, cancelled) and rejection code',
  labelNames: ['outcome', 'code'],
  registers: [registry],
});

/** Saga steps run, by step and result (ok, refused, fault). */
export const sagaSteps = new Counter({
  name: 'orders_saga_steps_total',
  help: 'Order saga steps and compensations run, by step and result',
  labelNames: ['step', 'result'],
  registers: [registry],
});
