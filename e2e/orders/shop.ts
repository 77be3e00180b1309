import type { Stack } from '@tributary/stack';
import { bearer, post, type GraphQLResponse } from '../../test-support/http.ts';

/** The storefront's calls the orders tests make, through the gateway, as seeded users. */
export function shop(stack: Stack) {
  const tokens = new Map<string, Promise<Record<string, string>>>();
  const as = (user: string) => {
    if (!tokens.has(user)) {
      const scopes = user === 'admin' ? ['admin'] : [];
      // The seeded admin is user 3, as in the authorization tests.
      tokens.set(user, stack.issuer.token({ user: user === 'admin' ? '3' : user, scopes }).then(bearer));
    }
    return tokens.get(user)!;
  };
  const gql = async (user: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> =>
    post(stack.gatewayUrl, query, variables, user ? await as(user) : {});
  const codes = (response: GraphQLResponse) => (response.body.errors ?? []).map((e) => e.extensions?.code);
  return {
    gql,
    codes,
    placeOrder: (user: string, lines: { productUpc: string; quantity: number }[], idempotencyKey: string) =>
      gql(user, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status total lines { quantity unitPrice product { upc } } } }', {
        i: { lines, idempotencyKey },
      }),
    order: async (user: string, id: string) =>
      (await gql(user, 'query($id: ID!) { order(id: $id) { id status total rejectionCode history { sequence type } } }', { id })).body.data?.order,
    setStock: async (upc: string, quantity: number) => {
      const response = await gql('admin', 'mutation($u: String!, $q: Int!) { setStock(upc: $u, quantity: $q) { quantity } }', { u: upc, q: quantity });
      if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
    },
    product: async (upc: string): Promise<{ price: number; quantity: number }> =>
      (await gql(null, 'query($u: String!) { product(upc: $u) { price quantity } }', { u: upc })).body.data.product,
    credit: async (user: string): Promise<number> =>
      (await gql('admin', 'query($id: ID!) { user(id: $id) { storeCredit } }', { id: user })).body.data.user.storeCredit,
  };
}
