import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../test-support/logger.ts';
import { applyEvent, type Order, type OrderEventData } from '../order-events.ts';
import { ConcurrentAppend, type EventMeta } from '../order-store.ts';
import { nextAction } from './saga-plan.ts';
import { SagaRunner, type SagaLog } from './saga-runner.ts';
import type { SagaSteps, StepOutcome } from './saga-steps.ts';

const meta: EventMeta = { actor: { userId: '1', admin: false }, traceId: null };
const placed: OrderEventData = { type: 'OrderPlaced', userId: '1', idempotencyKey: 'k', lines: [{ upc: 'a', quantity: 2, unitPrice: 150 }], total: 300 };

/** The order's events in memory, appended as the store would (optimistically, in sequence). */
class MemoryLog implements SagaLog {
  events: OrderEventData[] = [placed];
  /** Appends that lose to a concurrent writer, to make the runner reload. */
  conflicts = 0;

  async load(): Promise<Order> {
    return this.events.reduce<Order | null>((o, data, i) => applyEvent(o, { orderId: 'o1', sequence: i + 1, occurredAt: 't', data }), null)!;
  }

  async append(order: Order, events: OrderEventData[]): Promise<Order> {
    if (order.version !== this.events.length) throw new ConcurrentAppend(order.id);
    if (this.conflicts > 0) {
      this.conflicts -= 1;
      throw new ConcurrentAppend(order.id);
    }
    this.events.push(...events);
    return this.load();
  }

  types = () => this.events.map((e) => e.type);
}

/** Steps that answer as told and count their calls; `faults` makes a step throw that many times first. */
function steps(answers: Partial<Record<'reserve' | 'debit' | 'confirm', StepOutcome>> = {}, faults: Partial<Record<keyof SagaSteps, number>> = {}) {
  const calls: string[] = [];
  const step = (name: keyof SagaSteps, answer: StepOutcome | undefined) => async (_order?: Order) => {
    calls.push(name);
    if ((faults[name] ?? 0) > 0) {
      faults[name]! -= 1;
      throw new Error(`${name} unreachable`);
    }
    return answer ?? { ok: true };
  };
  const fake: SagaSteps = {
    reserve: step('reserve', answers.reserve),
    debit: step('debit', answers.debit),
    confirm: step('confirm', answers.confirm),
    refund: async (o) => void (await step('refund', undefined)(o)),
    release: async (o) => void (await step('release', undefined)(o)),
  };
  return { fake, calls };
}

const runner = (fake: SagaSteps) => new SagaRunner({ steps: fake, logger: silentLogger, retryDelayMs: 1 });

describe('the order saga', () => {
  it("reports each ending as CloudWatch's SagaOutcomes counts it: completed, rejected, compensated, compensationFailed", async () => {
    const endings = async (fake: SagaSteps, log = new MemoryLog()) => {
      const seen: string[] = [];
      await new SagaRunner({ steps: fake, logger: silentLogger, retryDelayMs: 1, onOutcome: (o) => seen.push(o) }).run(log, 'o1', meta);
      return seen;
    };
    expect(await endings(steps().fake)).toEqual(['completed']);
    expect(await endings(steps({ reserve: { ok: false, code: 'OUT_OF_STOCK', message: 'no' } }).fake)).toEqual(['rejected']);
    expect(await endings(steps({}, { debit: 3 }).fake)).toEqual(['compensated']);
    expect(await endings(steps({ reserve: { ok: false, code: 'OUT_OF_STOCK', message: 'no' } }, { release: 3 }).fake)).toEqual(['compensationFailed']);
  });

  it('reserves, debits and confirms, recording each step before the next', async () => {
    const log = new MemoryLog();
    const { fake, calls } = steps();
    const order = await runner(fake).run(log, 'o1', meta);
    expect(order.status).toBe('CONFIRMED');
    expect(calls).toEqual(['reserve', 'debit', 'confirm']);
    expect(log.types()).toEqual(['OrderPlaced', 'StockReserved', 'CreditDebited', 'OrderConfirmed']);
  });

  it('out of stock: releases (in case part was taken), never debits, ends REJECTED with the code', async () => {
    const log = new MemoryLog();
    const { fake, calls } = steps({ reserve: { ok: false, code: 'OUT_OF_STOCK', message: 'no' } });
    const order = await runner(fake).run(log, 'o1', meta);
    expect([order.status, order.rejection?.code]).toEqual(['REJECTED', 'OUT_OF_STOCK']);
    expect(calls).toEqual(['reserve', 'release']);
    expect(log.types()).toEqual(['OrderPlaced', 'SagaFailed', 'StockReleased', 'OrderRejected']);
  });

  it('insufficient credit: refunds (voiding the debit) and releases, in reverse order', async () => {
    const log = new MemoryLog();
    const { fake, calls } = steps({ debit: { ok: false, code: 'INSUFFICIENT_CREDIT', message: 'no' } });
    const order = await runner(fake).run(log, 'o1', meta);
    expect(order.rejection?.code).toBe('INSUFFICIENT_CREDIT');
    expect(calls).toEqual(['reserve', 'debit', 'refund', 'release']);
  });

  it('an expired reservation at confirm undoes both the debit and the reservation', async () => {
    const { fake, calls } = steps({ confirm: { ok: false, code: 'RESERVATION_EXPIRED', message: 'late' } });
    const order = await runner(fake).run(new MemoryLog(), 'o1', meta);
    expect([order.status, order.rejection?.code]).toEqual(['REJECTED', 'RESERVATION_EXPIRED']);
    expect(calls).toEqual(['reserve', 'debit', 'confirm', 'refund', 'release']);
  });

  it('retries a step that faults; one that keeps faulting fails the saga, compensated, as SERVICE_UNAVAILABLE', async () => {
    const once = steps({}, { debit: 1 });
    expect((await runner(once.fake).run(new MemoryLog(), 'o1', meta)).status).toBe('CONFIRMED');
    expect(once.calls).toEqual(['reserve', 'debit', 'debit', 'confirm']);
    const always = steps({}, { debit: 3 });
    const order = await runner(always.fake).run(new MemoryLog(), 'o1', meta);
    expect(order.rejection?.code).toBe('SERVICE_UNAVAILABLE');
    expect(always.calls).toEqual(['reserve', 'debit', 'debit', 'debit', 'refund', 'release']);
  });

  it('a compensation that keeps faulting leaves the order PENDING for recovery, which finishes it', async () => {
    const log = new MemoryLog();
    const { fake, calls } = steps({ reserve: { ok: false, code: 'OUT_OF_STOCK', message: 'no' } }, { release: 3 });
    const saga = runner(fake);
    expect((await saga.run(log, 'o1', meta)).status).toBe('PENDING');
    expect(log.types()).toEqual(['OrderPlaced', 'SagaFailed']);
    expect((await saga.run(log, 'o1', meta, true)).status).toBe('REJECTED');
    expect(calls.filter((c) => c === 'release')).toHaveLength(4);
  });

  it('resumes from the last recorded step: a crash after an unrecorded debit repeats the debit (idempotent), not the reservation', async () => {
    const log = new MemoryLog();
    log.events.push({ type: 'StockReserved' });
    const { fake, calls } = steps();
    expect((await runner(fake).run(log, 'o1', meta, true)).status).toBe('CONFIRMED');
    expect(calls).toEqual(['debit', 'confirm']);
  });

  it('reloads and decides again when another writer appended first', async () => {
    const log = new MemoryLog();
    log.conflicts = 1;
    const { fake, calls } = steps();
    expect((await runner(fake).run(log, 'o1', meta)).status).toBe('CONFIRMED');
    expect(calls).toEqual(['reserve', 'reserve', 'debit', 'confirm']);
  });

  it('runs one saga per order at a time in a process', async () => {
    const log = new MemoryLog();
    const { fake, calls } = steps();
    const saga = runner(fake);
    const [a, b] = await Promise.all([saga.run(log, 'o1', meta), saga.run(log, 'o1', meta)]);
    expect(a).toBe(b);
    expect(calls).toEqual(['reserve', 'debit', 'confirm']);
  });

  it('cancels a confirmed order by refunding and releasing, and nothing is left to do after', async () => {
    const log = new MemoryLog();
    log.events.push({ type: 'StockReserved' }, { type: 'CreditDebited', amount: 300 }, { type: 'OrderConfirmed' }, { type: 'CancelRequested' });
    const { fake, calls } = steps();
    const order = await runner(fake).run(log, 'o1', meta);
    expect(order.status).toBe('CANCELLED');
    expect(calls).toEqual(['refund', 'release']);
    expect(nextAction(order)).toBeNull();
  });
});
