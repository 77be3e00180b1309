import { badUserInput } from '@tributary/service-kit';
import type { InventoryContext } from './context.ts';
import type { Resolvers } from './generated/resolver-types.ts';
import { isUpc } from './loaders.ts';
import { shippingEstimate } from './shipping.ts';
import { reservationMutations } from './reservations.ts';
import { MAX_QUANTITY } from './stock-store.ts';

async function checkProduct(upc: string, { subgraphs: { products } }: InventoryContext): Promise<void> {
  if (!isUpc(upc)) throw badUserInput("upc must be 1 to 64 characters of letters, digits, '-' or '_'", 'upc');
  if (!(await products.existing('Product', 'upc', [upc])).has(upc)) {
    throw badUserInput(`no product with upc ${upc}`, 'upc');
  }
}

function checkCount(value: number, min: number, field: string): void {
  if (!Number.isInteger(value) || value < min || value > MAX_QUANTITY) {
    throw badUserInput(`${field} must be between ${min} and ${MAX_QUANTITY}`, field);
  }
}

export const resolvers: Resolvers = {
  Mutation: {
    ...reservationMutations,
    setStock: async (_, { upc, quantity }, context) => {
      checkCount(quantity, 0, 'quantity');
      await checkProduct(upc, context);
      const stock = await context.store.set(upc, quantity, context.viewer);
      await context.cache.invalidate('Stock', [upc]);
      return stock;
    },
    restock: async (_, { upc, amount }, context) => {
      checkCount(amount, 1, 'amount');
      await checkProduct(upc, context);
      const stock = await context.store.add(upc, amount, context.viewer);
      if (!stock) throw badUserInput(`stock would exceed ${MAX_QUANTITY}`, 'amount');
      await context.cache.invalidate('Stock', [upc]);
      return stock;
    },
  },
  Product: {
    __resolveReference: async (ref, { loaders }) => {
      const stock = await loaders.stock.load(ref.upc);
      return { ...ref, quantity: stock?.quantity ?? 0 };
    },
    inStock: (product) => (product.quantity ?? 0) > 0,
    quantity: (product) => product.quantity ?? 0,
    shippingEstimate: (product) => {
      if (product.price === undefined || product.weight === undefined) {
        throw new Error('shippingEstimate needs price and weight (@requires) from the gateway');
      }
      return shippingEstimate(product.price, product.weight);
    },
  },
};
