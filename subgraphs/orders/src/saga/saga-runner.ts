import { currentRequestScope, inChildSpan, runInRequestScope, SAGA_OUTCOME, type Logger, type SagaOutcome } from '@tributary/service-kit';
import type { Order, OrderEventData } from '../order-events.ts';
import { ConcurrentAppend, type EventMeta, type OrderStore } from '../order-store.ts';
import { crashIf, type FaultPoint } from './fault-injection.ts';
import { sagaOutcomes, sagaSteps } from './saga-metrics.ts';
import { nextAction, type SagaAction } from './saga-plan.ts';
import type { SagaSteps, StepOutcome } from './saga-steps.ts';

/** What the saga reads and appends its progress to. */
export type SagaLog = Pick<OrderStore, 'load' | 'append'>;

export interface SagaRunnerOptions {
  steps: SagaSteps;
  logger: Logger;
  /** @default 'none' */
  fault?: FaultPoint;
  /** Attempts of a step that faults before the saga gives up on it for now. @default 3 */
  attempts?: number;
  /** First pause between attempts, doubled each time. @default 100 */
  retryDelayMs?: number;
  /**
   * Told how each saga ended, as CloudWatch's `SagaOutcomes` counts it (the EMF line, with
   * METRICS_EMF); `/metrics` counts every ending whatever this does. @default nothing
   */
  onOutcome?: (outcome: SagaOutcome) => void;
}

/** The code a step that kept faulting is rejected with: the saga undid what was done (compensated). */
export const STEP_FAULT_CODE = 'SERVICE_UNAVAILABLE';

/** A compensation kept faulting: the saga stays unfinished, and recovery takes it up later. */
export class SagaStalled extends Error {
  constructor(orderId: string, action: SagaAction, cause: unknown) {
    super(`saga of order ${orderId} stalled at ${action}`, { cause });
    this.name = 'SagaStalled';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs an order's saga from wherever its events say it is to its end: each action's result is
 * appended as events before the next action starts, so the saga's progress is durable and a
 * process that dies anywhere leaves an order the next run takes up. One run per order at a time
 * in this process; across processes, appends are optimistic (a loser reloads and decides again).
 */
export class SagaRunner {
  private readonly options: Required<Omit<SagaRunnerOptions, 'onOutcome'>> & Pick<SagaRunnerOptions, 'onOutcome'>;
  private readonly running = new Map<string, Promise<Order>>();

  constructor(options: SagaRunnerOptions) {
    this.options = { fault: 'none', attempts: 3, retryDelayMs: 100, ...options };
  }

  isRunning(orderId: string): boolean {
    return this.running.has(orderId);
  }

  /**
   * Drives the saga to its end and returns the order then (still PENDING when a compensation
   * stalled). `resumed`: a recovery, which never injects faults.
   */
  run(log: SagaLog, orderId: string, meta: EventMeta, resumed = false): Promise<Order> {
    const current = this.running.get(orderId);
    if (current) return current;
    const run = this.drive(log, orderId, meta, resumed).finally(() => this.running.delete(orderId));
    this.running.set(orderId, run);
    return run;
  }

  private async drive(log: SagaLog, orderId: string, meta: EventMeta, resumed: boolean): Promise<Order> {
    let order = await log.load(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    for (let action = nextAction(order); action; action = nextAction(order)) {
      let events: OrderEventData[];
      try {
        events = await this.step(action, order, resumed);
      } catch (error) {
        if (!(error instanceof SagaStalled)) throw error;
        this.options.logger.warn({ err: error, orderId, action }, 'saga stalled; recovery will resume it');
        this.options.onOutcome?.(SAGA_OUTCOME.compensationFailed);
        return order;
      }
      try {
        order = await log.append(order, events, meta);
      } catch (error) {
        if (!(error instanceof ConcurrentAppend)) throw error;
        order = (await log.load(orderId))!;
        continue;
      }
      if (action === 'confirm' && order.status === 'CONFIRMED') {
        sagaOutcomes.inc({ outcome: 'confirmed', code: '' });
        this.options.onOutcome?.(SAGA_OUTCOME.completed);
      }
      if (action === 'reject') {
        sagaOutcomes.inc({ outcome: 'rejected', code: order.rejection?.code ?? '' });
        // A step that said no (out of stock…) against one that kept failing, both undone.
        this.options.onOutcome?.(order.rejection?.code === STEP_FAULT_CODE ? SAGA_OUTCOME.compensated : SAGA_OUTCOME.rejected);
      }
      if (action === 'cancel') sagaOutcomes.inc({ outcome: 'cancelled', code: '' });
    }
    return order;
  }

  /** One action in its own span, as the events that record its result. */
  private step(action: SagaAction, order: Order, resumed: boolean): Promise<OrderEventData[]> {
    return inChildSpan(`saga ${action}`, undefined, async (span) => {
      span?.annotate('order_id', order.id);
      span?.annotate('saga_action', action);
      const scope = currentRequestScope();
      // The calls the step makes are children of the step's span.
      const perform = () => this.perform(action, order, resumed ? 'none' : this.options.fault);
      const events = await (span && scope ? runInRequestScope(perform, { ...scope, span }) : perform());
      const failed = events.find((e) => e.type === 'SagaFailed');
      if (failed) span?.flagError();
      return events;
    });
  }

  private async perform(action: SagaAction, order: Order, fault: FaultPoint): Promise<OrderEventData[]> {
    const { steps } = this.options;
    switch (action) {
      case 'reserve': {
        const outcome = await this.forward(action, () => steps.reserve(order));
        if (outcome.ok) crashIf('after-reserve', fault);
        return [outcome.ok ? { type: 'StockReserved' } : failed(action, outcome)];
      }
      case 'debit': {
        const outcome = await this.forward(action, () => steps.debit(order));
        if (outcome.ok) crashIf('after-debit', fault);
        return [outcome.ok ? { type: 'CreditDebited', amount: order.total } : failed(action, outcome)];
      }
      case 'confirm': {
        crashIf('before-confirm', fault);
        const outcome = await this.forward(action, () => steps.confirm(order));
        return [outcome.ok ? { type: 'OrderConfirmed' } : failed(action, outcome)];
      }
      case 'refund':
        await this.compensate(action, order, () => steps.refund(order));
        return [{ type: 'CreditRefunded', amount: order.total }];
      case 'release':
        await this.compensate(action, order, () => steps.release(order));
        return [{ type: 'StockReleased' }];
      case 'reject': {
        const failure = order.progress.failure!;
        return [{ type: 'OrderRejected', code: failure.code, message: failure.message }];
      }
      case 'cancel':
        return [{ type: 'OrderCancelled' }];
    }
  }

  /** A forward step: retried while it faults; a step that keeps faulting fails the saga (compensated). */
  private async forward(action: SagaAction, call: () => Promise<StepOutcome>): Promise<StepOutcome> {
    try {
      const outcome = await this.retried(call);
      sagaSteps.inc({ step: action, result: outcome.ok ? 'ok' : 'refused' });
      return outcome;
    } catch (error) {
      sagaSteps.inc({ step: action, result: 'fault' });
      this.options.logger.warn({ err: error, action }, 'saga step kept failing; compensating');
      return { ok: false, code: STEP_FAULT_CODE, message: 'A service the order needs is unavailable; try again later' };
    }
  }

  private async compensate(action: SagaAction, order: Order, call: () => Promise<void>): Promise<void> {
    try {
      await this.retried(call);
      sagaSteps.inc({ step: action, result: 'ok' });
    } catch (error) {
      sagaSteps.inc({ step: action, result: 'fault' });
      throw new SagaStalled(order.id, action, error);
    }
  }

  private async retried<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= this.options.attempts) throw error;
        await sleep(this.options.retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }
}

const failed = (step: SagaAction, { code, message }: { code: string; message: string }): OrderEventData => ({ type: 'SagaFailed', step, code, message });
