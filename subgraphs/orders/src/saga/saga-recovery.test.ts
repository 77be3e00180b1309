import { createLogger, Tracer } from '@tributary/service-kit';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../test-support/logger.ts';
import type { OrderEventData } from '../order-events.ts';
import type { EventMeta } from '../order-store.ts';
import { MemoryOrderStore } from '../test/memory-order-store.ts';
import { scriptedSteps } from '../test/scripted-steps.ts';
import { SagaRunner } from './saga-runner.ts';
import { startSagaRecovery } from './saga-recovery.ts';

const placedBy = (userId: string, idempotencyKey: string): Extract<OrderEventData, { type: 'OrderPlaced' }> => ({
  type: 'OrderPlaced',
  userId,
  idempotencyKey,
  lines: [{ upc: 'p1', quantity: 1, unitPrice: 100 }],
  total: 100,
});
const meta: EventMeta = { actor: { userId: '1', admin: false }, traceId: null };
const ids = { forward: '00000000-0000-4000-8000-000000000001', failed: '00000000-0000-4000-8000-000000000002', done: '00000000-0000-4000-8000-000000000003' };

/** Three orders a crashed process left a minute ago: one mid-way forward, one failed and not compensated, one finished. */
async function leftByACrash() {
  const store = new MemoryOrderStore(Date.now() - 60_000);
  const forward = (await store.place(ids.forward, placedBy('1', 'a'), meta))!;
  await store.append(forward, [{ type: 'StockReserved' }], meta);
  const failed = (await store.place(ids.failed, placedBy('2', 'b'), meta))!;
  await store.append(failed, [{ type: 'SagaFailed', step: 'reserve', code: 'OUT_OF_STOCK', message: 'none left' }], meta);
  const done = (await store.place(ids.done, placedBy('3', 'c'), meta))!;
  await store.append(done, [{ type: 'StockReserved' }, { type: 'CreditDebited', amount: 100 }, { type: 'OrderConfirmed' }], meta);
  store.metas.length = 0;
  return store;
}

/** A tracer that records nothing, with the trace id of each segment it started. */
function tracer() {
  const real = new Tracer({ service: 'orders', enabled: false, daemonAddress: '127.0.0.1:9', samplingRate: 0, reservoirPerSecond: 0, logger: silentLogger });
  const traceIds: string[] = [];
  return {
    traceIds,
    startSegment: (headers: Record<string, string>) => {
      const span = real.startSegment(headers);
      traceIds.push(span.traceId);
      return span;
    },
  } as unknown as Tracer & { traceIds: string[] };
}

describe('saga recovery', () => {
  it('at start, drives every idle unfinished saga to its end: forward while it can, else compensating', async () => {
    const store = await leftByACrash();
    const script = scriptedSteps();
    const traces = tracer();
    const recovery = startSagaRecovery({ store, runner: new SagaRunner({ steps: script.steps, logger: silentLogger }), logger: silentLogger, tracer: traces, idleMs: 1_000, intervalMs: 60_000 });
    await vi.waitFor(async () => expect((await store.load(ids.failed))!.status).toBe('REJECTED'));
    await recovery.stop();
    expect((await store.load(ids.forward))!.status).toBe('CONFIRMED');
    expect((await store.load(ids.failed))!.rejection).toEqual({ code: 'OUT_OF_STOCK', message: 'none left' });
    expect(script.calls).toEqual([
      { step: 'debit', orderId: ids.forward },
      { step: 'confirm', orderId: ids.forward },
      { step: 'release', orderId: ids.failed },
    ]);
    // Nobody asked for these events: no actor, and each resumed saga is a trace of its own.
    expect(new Set(store.metas.map((m) => JSON.stringify(m.actor)))).toEqual(new Set([JSON.stringify({ userId: null, admin: false })]));
    expect(traces.traceIds).toHaveLength(2);
    expect(new Set(store.metas.map((m) => m.traceId))).toEqual(new Set(traces.traceIds));
  });

  it('leaves alone a saga advanced more recently than the idle time', async () => {
    const store = await leftByACrash();
    const script = scriptedSteps();
    const unfinished = vi.spyOn(store, 'unfinished');
    const recovery = startSagaRecovery({ store, runner: new SagaRunner({ steps: script.steps, logger: silentLogger }), logger: silentLogger, tracer: tracer(), idleMs: 120_000, intervalMs: 60_000 });
    await vi.waitFor(() => expect(unfinished).toHaveBeenCalledWith(120_000));
    expect(await unfinished.mock.results[0]!.value).toEqual([]);
    await recovery.stop();
    expect([script.calls, (await store.load(ids.forward))!.status]).toEqual([[], 'PENDING']);
  });

  it('skips a saga this process is running already', async () => {
    const store = await leftByACrash();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const script = scriptedSteps();
    const runner = new SagaRunner({ steps: { ...script.steps, debit: async (order) => (await gate, script.steps.debit(order)) }, logger: silentLogger });
    const running = runner.run(store, ids.forward, meta);
    const recovery = startSagaRecovery({ store, runner, logger: silentLogger, tracer: tracer(), idleMs: 1_000, intervalMs: 60_000 });
    // The sweep goes past the running saga to the next one.
    await vi.waitFor(async () => expect((await store.load(ids.failed))!.status).toBe('REJECTED'));
    await recovery.stop();
    expect(script.calls.filter((c) => c.orderId === ids.forward)).toEqual([]);
    open();
    expect((await running).status).toBe('CONFIRMED');
    expect(script.calls.filter((c) => c.orderId === ids.forward).map((c) => c.step)).toEqual(['debit', 'confirm']);
  });

  it('stopped before its first sweep has its list, it starts no saga', async () => {
    const store = await leftByACrash();
    const script = scriptedSteps();
    await startSagaRecovery({ store, runner: new SagaRunner({ steps: script.steps, logger: silentLogger }), logger: silentLogger, tracer: tracer(), idleMs: 1_000, intervalMs: 60_000 }).stop();
    expect(script.calls).toEqual([]);
  });

  it('a sweep that fails is logged and the next one retries; none runs after stop', async () => {
    const store = await leftByACrash();
    const unfinished = vi.spyOn(store, 'unfinished').mockRejectedValueOnce(new Error('connection refused'));
    const logger = createLogger('orders', 'silent');
    const warn = vi.spyOn(logger, 'warn');
    const recovery = startSagaRecovery({ store, runner: new SagaRunner({ steps: scriptedSteps().steps, logger }), logger, tracer: tracer(), idleMs: 1_000, intervalMs: 10 });
    await vi.waitFor(async () => expect((await store.load(ids.forward))!.status).toBe('CONFIRMED'));
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ message: 'connection refused' }) }), expect.stringContaining('next sweep retries'));
    await recovery.stop();
    const sweeps = unfinished.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(unfinished.mock.calls.length).toBe(sweeps);
  });
});
