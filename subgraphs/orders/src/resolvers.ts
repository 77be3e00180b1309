import { checkPageSize } from '@tributary/service-kit';
import type { Resolvers } from './generated/resolver-types.ts';
import { MAX_PAGE } from './loaders.ts';
import { ownsOrAdmin } from './policies.ts';
import { cancelOrder, placeOrder, visibleOrder } from './placement.ts';
import { checkOrderId } from './validation.ts';

export const resolvers: Resolvers = {
  Query: {
    order: (_, { id }, context) => visibleOrder(checkOrderId(id), context),
  },
  Mutation: {
    // @authenticated: only reached with a viewer, who places the order for themselves.
    placeOrder: (_, { input }, context) => placeOrder(input, context),
    cancelOrder: (_, { id }, context) => cancelOrder(checkOrderId(id), context),
  },
  Order: {
    // Only the gateway sends references; an order still answers to its owner and admins alone.
    __resolveReference: async (ref, { loaders, viewer }) => {
      const order = await loaders.order.load(ref.id);
      return order && viewer && ownsOrAdmin(order.userId, viewer) ? order : null;
    },
    rejectionCode: (order) => order.rejection?.code ?? null,
    user: (order) => ({ __typename: 'User', id: order.userId }),
    lines: (order) => order.lines.map((line) => ({ ...line, product: { __typename: 'Product', upc: line.upc } })),
    history: async (order, _, { loaders }) =>
      (await loaders.history.load(order.id)).map(({ sequence, occurredAt, data: { type, ...data } }) => ({
        sequence,
        occurredAt,
        type,
        data: JSON.stringify(data),
      })),
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    orders: (user, { first }, { loaders }) => loaders.byUser.load({ key: user.id, first: checkPageSize(first, MAX_PAGE) }),
  },
};
