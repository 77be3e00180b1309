import type { Sample } from './load.ts';

/** One storefront page: the top 50 products with price, stock and shipping, their 5 newest reviews and authors. */
export const PAGE_QUERY = `query StorefrontPage {
  topProducts(first: 50) {
    upc name price inStock quantity shippingEstimate
    reviews(first: 5) { id body rating author { id name } }
  }
}`;

interface GraphQLBody {
  data?: any;
  errors?: { message: string }[];
  extensions?: { chattiness?: Record<string, number>; tributary?: Record<string, number> };
}

/** A browser opens at most six connections per host: so does this client. */
class HostLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= 6) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

async function post(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLBody> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody;
  if (!response.ok || body.errors?.length) throw new Error(`${url}: ${response.status} ${JSON.stringify(body.errors)}`);
  return body;
}

/** The page through the gateway: one request; the gateway reports what it cost behind it. */
export async function gatewayPage(url: string, query = PAGE_QUERY): Promise<Omit<Sample, 'latencyMs'>> {
  const body = await post(url, query);
  const cost = body.extensions?.chattiness;
  if (!cost) throw new Error('the gateway sent no chattiness summary (NODE_ENV=production?)');
  return { clientRoundTrips: 1, subgraphRequests: cost.subgraphFetches ?? 0, storeRoundTrips: cost.storeRoundTrips ?? 0 };
}

export interface SubgraphUrls {
  accounts: string;
  products: string;
  inventory: string;
  reviews: string;
}

/**
 * The same page the way an SPA talking to one service per entity does it: the product list,
 * then each product's stock and reviews one request at a time, then each author.
 */
export function chattyClient(urls: SubgraphUrls) {
  const limits = new Map(Object.keys(urls).map((name) => [name, new HostLimit()]));
  return async (): Promise<Omit<Sample, 'latencyMs'>> => {
    let requests = 0;
    let storeRoundTrips = 0;
    const call = async (service: keyof SubgraphUrls, query: string, variables?: Record<string, unknown>) => {
      const body = await limits.get(service)!.run(() => post(urls[service], query, variables));
      requests += 1;
      storeRoundTrips += body.extensions?.tributary?.storeRoundTrips ?? 0;
      return body.data;
    };
    const entity = (typename: string, fields: string) =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${fields} } } }`;

    const { topProducts } = await call('products', '{ topProducts(first: 50) { upc name price weight } }');
    const perProduct = await Promise.all(
      (topProducts as { upc: string; price: number; weight: number }[]).map(async (product) => {
        const [stock, reviews] = await Promise.all([
          call('inventory', entity('Product', 'inStock quantity shippingEstimate'), { r: [{ __typename: 'Product', ...product }] }),
          call('reviews', entity('Product', 'reviews(first: 5) { id body rating author { id } }'), {
            r: [{ __typename: 'Product', upc: product.upc }],
          }),
        ]);
        return { stock, reviews: reviews._entities[0].reviews as { author: { id: string } }[] };
      }),
    );
    const authors = new Set(perProduct.flatMap((p) => p.reviews.map((r) => r.author.id)));
    await Promise.all([...authors].map((id) => call('accounts', 'query($id: ID!) { user(id: $id) { id name } }', { id })));
    return { clientRoundTrips: requests, subgraphRequests: requests, storeRoundTrips };
  };
}
