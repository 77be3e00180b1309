import { GraphQLError } from 'graphql';
import { signIdentity } from '@tributary/service-kit';
import type { EntityClient } from '@tributary/service-kit/subgraph';
import type { Order } from '../order-events.ts';
import type { SagaSteps, StepOutcome } from './saga-steps.ts';

type Caller = Pick<EntityClient, 'call'>;

/** How long the identity the saga signs for a step is honoured. */
const IDENTITY_SECONDS = 60;

/** What the callee's refusal means to the client placing the order. */
const REFUSALS: Record<string, { code: string; message?: string }> = {
  OUT_OF_STOCK: { code: 'OUT_OF_STOCK' },
  INSUFFICIENT_CREDIT: { code: 'INSUFFICIENT_CREDIT' },
  RESERVATION_RELEASED: { code: 'RESERVATION_EXPIRED', message: 'The stock reservation expired before the order completed' },
  PAYMENT_VOIDED: { code: 'PAYMENT_VOIDED' },
};

/** A callee's refusal as an outcome; anything else (a fault) is thrown on, to be retried. */
async function outcomeOf(call: () => Promise<unknown>): Promise<StepOutcome> {
  try {
    await call();
    return { ok: true };
  } catch (error) {
    const code = error instanceof GraphQLError ? String(error.extensions.code ?? '') : '';
    const refusal = REFUSALS[code];
    if (!refusal) throw error;
    return { ok: false, code: refusal.code, message: refusal.message ?? (error as Error).message.replace(/^\S+: /, '') };
  }
}

/**
 * The steps as calls to inventory and payments through the graph, with the trace and a signed
 * identity (the order's user, scope `service`): the only scope those services' saga mutations accept.
 */
export function remoteSteps(inventory: Caller, payments: Caller, signingSecret: string | undefined): SagaSteps {
  const as = (order: Order) =>
    signingSecret
      ? signIdentity({ userId: order.userId, scopes: ['service'], expiresAt: Math.floor(Date.now() / 1000) + IDENTITY_SECONDS }, signingSecret)
      : undefined;
  const money = (order: Order) => ({ o: order.id, u: order.userId, a: order.total });
  return {
    reserve: (order) =>
      outcomeOf(() =>
        inventory.call(
          'reserveStock',
          'mutation($o: ID!, $l: [StockLineInput!]!) { reserveStock(orderId: $o, lines: $l) { state } }',
          { o: order.id, l: order.lines.map(({ upc, quantity }) => ({ upc, quantity })) },
          as(order),
        ),
      ),
    debit: (order) =>
      outcomeOf(() =>
        payments.call('debitCredit', 'mutation($o: ID!, $u: ID!, $a: Int!) { debitCredit(orderId: $o, userId: $u, amount: $a) { applied } }', money(order), as(order)),
      ),
    confirm: (order) =>
      outcomeOf(() => inventory.call('confirmReservation', 'mutation($o: ID!) { confirmReservation(orderId: $o) { state } }', { o: order.id }, as(order))),
    refund: async (order) => {
      await payments.call('refundCredit', 'mutation($o: ID!, $u: ID!, $a: Int!) { refundCredit(orderId: $o, userId: $u, amount: $a) { applied } }', money(order), as(order));
    },
    release: async (order) => {
      await inventory.call('releaseReservation', 'mutation($o: ID!) { releaseReservation(orderId: $o) { state } }', { o: order.id }, as(order));
    },
  };
}
