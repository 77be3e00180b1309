import { GraphQLError } from 'graphql';
import { verifyIdentity } from '@tributary/service-kit';
import { describe, expect, it } from 'vitest';
import type { Order } from '../order-events.ts';
import { remoteSteps } from './remote-steps.ts';

const SECRET = 's'.repeat(32);

const order = {
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  userId: '7',
  total: 1_250,
  lines: [{ upc: 'p1', quantity: 2, unitPrice: 500 }, { upc: 'p2', quantity: 1, unitPrice: 250 }],
} as Order;

interface Call {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  identity: string | undefined;
}

/** A service behind EntityClient.call: records each call and throws what it is told, once per name. */
function service(errors: Record<string, Error> = {}) {
  const calls: Call[] = [];
  return {
    calls,
    async call<T>(name: string, query: string, variables: Record<string, unknown>, identity?: string): Promise<T> {
      calls.push({ name, query, variables, identity });
      const error = errors[name];
      if (error) throw error;
      return {} as T;
    },
  };
}

/** A callee's error as EntityClient throws it: the callee's URL before its message, its code kept. */
const refusal = (code: string) => new GraphQLError(`http://localhost:4003/graphql: refused with ${code}`, { extensions: { code, remote: true } });

describe("the saga's remote steps", () => {
  it('calls inventory and payments with the order, its lines (no prices) and its total', async () => {
    const inventory = service();
    const payments = service();
    const steps = remoteSteps(inventory, payments, SECRET);
    expect(await steps.reserve(order)).toEqual({ ok: true });
    expect(await steps.debit(order)).toEqual({ ok: true });
    expect(await steps.confirm(order)).toEqual({ ok: true });
    await steps.refund(order);
    await steps.release(order);
    expect(inventory.calls.map((c) => [c.name, c.variables])).toEqual([
      ['reserveStock', { o: order.id, l: [{ upc: 'p1', quantity: 2 }, { upc: 'p2', quantity: 1 }] }],
      ['confirmReservation', { o: order.id }],
      ['releaseReservation', { o: order.id }],
    ]);
    expect(payments.calls.map((c) => [c.name, c.variables])).toEqual([
      ['debitCredit', { o: order.id, u: '7', a: 1_250 }],
      ['refundCredit', { o: order.id, u: '7', a: 1_250 }],
    ]);
    expect(inventory.calls[0]!.query).toContain('reserveStock(orderId: $o, lines: $l)');
  });

  it("signs each call as the order's user with scope service, for at most a minute", async () => {
    const inventory = service();
    const payments = service();
    const steps = remoteSteps(inventory, payments, SECRET);
    await steps.reserve(order);
    await steps.debit(order);
    for (const { identity } of [...inventory.calls, ...payments.calls]) {
      const verified = verifyIdentity(identity!, SECRET);
      expect([verified.userId, verified.scopes]).toEqual(['7', ['service']]);
      expect(verified.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 60);
    }
    expect(() => verifyIdentity(inventory.calls[0]!.identity!, 'x'.repeat(32))).toThrow();
  });

  it('sends no identity when no signing secret is configured', async () => {
    const inventory = service();
    await remoteSteps(inventory, service(), undefined).reserve(order);
    expect(inventory.calls[0]!.identity).toBeUndefined();
  });

  it.each([
    ['reserve', 'reserveStock', 'OUT_OF_STOCK', 'OUT_OF_STOCK', 'refused with OUT_OF_STOCK'],
    ['debit', 'debitCredit', 'INSUFFICIENT_CREDIT', 'INSUFFICIENT_CREDIT', 'refused with INSUFFICIENT_CREDIT'],
    ['debit', 'debitCredit', 'PAYMENT_VOIDED', 'PAYMENT_VOIDED', 'refused with PAYMENT_VOIDED'],
    ['confirm', 'confirmReservation', 'RESERVATION_RELEASED', 'RESERVATION_EXPIRED', 'The stock reservation expired before the order completed'],
  ] as const)('%s: the callee refusing with %s is an outcome, %s, for the client, its message without the callee URL', async (step, call, code, shown, message) => {
    const steps = remoteSteps(service({ [call]: refusal(code) }), service({ [call]: refusal(code) }), SECRET);
    expect(await steps[step](order)).toEqual({ ok: false, code: shown, message });
  });

  it('throws a fault on (to be retried): a service unavailable, an unknown code, an error that is no GraphQL error', async () => {
    const unavailable = refusal('SUBGRAPH_UNAVAILABLE');
    const steps = remoteSteps(service({ reserveStock: unavailable, releaseReservation: new Error('socket hang up') }), service({ debitCredit: refusal('BAD_USER_INPUT'), refundCredit: unavailable }), SECRET);
    await expect(steps.reserve(order)).rejects.toBe(unavailable);
    await expect(steps.debit(order)).rejects.toThrow(/BAD_USER_INPUT/);
    await expect(steps.release(order)).rejects.toThrow('socket hang up');
    await expect(steps.refund(order)).rejects.toBe(unavailable);
  });
});
