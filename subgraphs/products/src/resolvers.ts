import { badUserInput, checkPageSize } from '@tributary/service-kit';
import type { Resolvers } from './generated/resolver-types.ts';
import { isUpc } from './loaders.ts';
import { validatePatch } from './validation.ts';

const checkUpc = (upc: string) => {
  if (!isUpc(upc)) throw badUserInput("upc must be 1 to 64 characters of letters, digits, '-' or '_'", 'upc');
  return upc;
};

export const resolvers: Resolvers = {
  Query: {
    topProducts: async (_, { first }, { loaders }) => {
      const upcs = (await loaders.topUpcs.load(String(checkPageSize(first, 100)))) ?? [];
      const products = await Promise.all(upcs.map((upc) => loaders.product.load(upc)));
      return products.filter((p) => p !== null);
    },
    product: (_, { upc }, { loaders }) => loaders.product.load(checkUpc(upc)),
  },
  Mutation: {
    updateProduct: async (_, { upc, input }, { store, cache, viewer }) => {
      const product = await store.update(checkUpc(upc), validatePatch(input), viewer);
      if (!product) throw badUserInput(`no product with upc ${upc}`, 'upc');
      await cache.invalidate('Product', [upc]);
      return product;
    },
  },
  Product: {
    __resolveReference: (ref, { loaders }) => loaders.product.load(ref.upc),
  },
};
