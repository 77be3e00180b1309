import { emptyStats, runInRequestScope, type Logger, type Tracer } from '@tributary/service-kit';
import type { Worker } from '@tributary/service-kit/subgraph';
import type { OrderStore } from '../order-store.ts';
import type { SagaRunner } from './saga-runner.ts';

export interface SagaRecoveryOptions {
  store: Pick<OrderStore, 'unfinished' | 'load' | 'append'>;
  runner: SagaRunner;
  logger: Logger;
  /** Each resumed saga is a trace of its own: its steps and calls as spans, its events with its trace id. */
  tracer: Tracer;
  /** A saga nobody advanced for this long is taken up (its process died, or a compensation stalled). */
  idleMs: number;
  intervalMs: number;
}

/**
 * Takes up unfinished sagas at start and then periodically: each resumes where its events say
 * (forward while it can, else compensating), so after a crash no stock stays reserved and no
 * credit stays taken for an order that did not complete.
 */
export function startSagaRecovery({ store, runner, logger, tracer, idleMs, intervalMs }: SagaRecoveryOptions): Worker {
  const resume = (orderId: string) => {
    const span = tracer.startSegment({});
    span.annotate('order_id', orderId);
    span.annotate('saga_resumed', true);
    return runInRequestScope(
      () => runner.run(store, orderId, { actor: { userId: null, admin: false }, traceId: span.traceId }, true),
      { stats: emptyStats(), span, traceId: span.traceId },
    ).finally(() => span.close());
  };
  let stopped = false;
  const sweep = async () => {
    try {
      for (const orderId of await store.unfinished(idleMs)) {
        if (stopped) return;
        if (runner.isRunning(orderId)) continue;
        const order = await resume(orderId);
        logger.info({ orderId, status: order.status }, 'resumed an unfinished saga');
      }
    } catch (error) {
      logger.warn({ err: error }, 'saga recovery failed; the next sweep retries');
    }
  };
  let running = sweep();
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
