import { badUserInput, Refusal } from '@tributary/service-kit';
import type { Resolvers } from './generated/resolver-types.ts';
import { isUserId } from './loaders.ts';
import { MAX_BALANCE } from './credit-store.ts';

const MAX_GRANT = 10_000_000;

function checkAmount(amount: number, max: number): void {
  if (!Number.isInteger(amount) || amount < 1 || amount > max) throw badUserInput(`amount must be between 1 and ${max}`, 'amount');
}

function checkIds(...ids: [string, string][]): void {
  for (const [field, id] of ids) if (!isUserId(id)) throw badUserInput(`${field} is not a valid id`, field);
}

export const resolvers: Resolvers = {
  Mutation: {
    grantCredit: async (_, { userId, amount }, { store, cache, viewer }) => {
      checkAmount(amount, MAX_GRANT);
      checkIds(['userId', userId]);
      const credit = await store.grant(userId, amount, viewer);
      if (!credit) throw badUserInput(`the balance would exceed ${MAX_BALANCE}`, 'amount');
      await cache.invalidate('Credit', [userId]);
      return { id: userId };
    },
    debitCredit: async (_, { orderId, userId, amount }, { store, cache }) => {
      checkAmount(amount, MAX_BALANCE);
      checkIds(['orderId', orderId], ['userId', userId]);
      const outcome = await store.debit(orderId, userId, amount);
      if (outcome === 'insufficient') {
        throw new Refusal('INSUFFICIENT_CREDIT', 'Not enough store credit for this order');
      }
      if (outcome === 'voided') {
        throw new Refusal('PAYMENT_VOIDED', 'This order was refunded: it cannot be charged again');
      }
      await cache.invalidate('Credit', [userId]);
      return outcome;
    },
    refundCredit: async (_, { orderId, userId, amount }, { store, cache }) => {
      checkAmount(amount, MAX_BALANCE);
      checkIds(['orderId', orderId], ['userId', userId]);
      const movement = await store.refund(orderId, userId, amount);
      await cache.invalidate('Credit', [userId]);
      return movement;
    },
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    storeCredit: async (user, _, { loaders }) => (await loaders.credit.load(user.id))?.balance ?? 0,
  },
};
