import { badUserInput, checkPageSize } from '@tributary/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { ProductsContext } from './context.ts';
import { isUpc } from './loaders.ts';
import { validatePatch, type UpdateProductInput } from './validation.ts';

const checkUpc = (upc: string) => {
  if (!isUpc(upc)) throw badUserInput("upc must be 1 to 64 characters of letters, digits, '-' or '_'", 'upc');
  return upc;
};

export const resolvers: GraphQLResolverMap<ProductsContext> = {
  Query: {
    topProducts: async (_: unknown, { first }: { first: number }, { loaders }: ProductsContext) => {
      const upcs = (await loaders.topUpcs.load(String(checkPageSize(first, 100)))) ?? [];
      const products = await Promise.all(upcs.map((upc) => loaders.product.load(upc)));
      return products.filter((p) => p !== null);
    },
    product: (_: unknown, { upc }: { upc: string }, { loaders }: ProductsContext) =>
      loaders.product.load(checkUpc(upc)),
  },
  Mutation: {
    updateProduct: async (
      _: unknown,
      { upc, input }: { upc: string; input: UpdateProductInput },
      { store, cache }: ProductsContext,
    ) => {
      const product = await store.update(checkUpc(upc), validatePatch(input));
      if (!product) throw badUserInput(`no product with upc ${upc}`, 'upc');
      await cache.invalidate('Product', [upc]);
      return product;
    },
  },
  Product: {
    __resolveReference: (ref: { upc: string }, { loaders }: ProductsContext) => loaders.product.load(ref.upc),
  },
};
