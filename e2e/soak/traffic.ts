import { readFile } from 'node:fs/promises';
import { spaManifestPath, type Stack } from '@tributary/stack';
import { hostileRequests, seededRandom, type HostileRequest } from '../support/hostile-requests.ts';

/** One request's outcome: what kind it was, its HTTP status, time, and the error codes it got. */
export interface Outcome {
  kind: string;
  /** Hostile input: client error codes and 4xx are what it should get. */
  hostile: boolean;
  status: number;
  ms: number;
  /** `extensions.code` of each error, or `HTTP <status>` for an error answer that is not GraphQL. */
  codes: string[];
}

const STOREFRONT = '{ topProducts(first: 5) { upc name price inStock shippingEstimate reviews(first: 2) { body rating author { name } } } }';
const PRODUCT = 'query($upc: String!) { product(upc: $upc) { upc name price description inStock quantity reviews(first: 5) { body author { name } } } }';
const ADD_REVIEW = 'mutation($input: AddReviewInput!) { addReview(input: $input) { id } }';
const ME = '{ me { id name reviews(first: 3) { body product { name } } } }';
const USERS = 20;

async function send(kind: string, hostile: boolean, url: string, init: RequestInit): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    const ms = performance.now() - started;
    let codes: string[] = [];
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      const body = JSON.parse(text) as unknown;
      codes = (Array.isArray(body) ? body : [body]).flatMap((result) =>
        ((result as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE')),
      );
    }
    if (codes.length === 0 && response.status >= 400) codes = [`HTTP ${response.status}`];
    return { kind, hostile, status: response.status, ms, codes };
  } catch {
    return { kind, hostile, status: 0, ms: performance.now() - started, codes: ['NO_ANSWER'] };
  }
}

const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * The soak's traffic: what the storefront sends (the product list and pages, by text and as the
 * SPA's persisted GETs), signed-in users reading their account and posting reviews, and the
 * hostile-input generator's requests. `next()` sends one request, drawn by weight.
 */
export async function mixedTraffic(stack: Stack, seed: number) {
  const url = stack.gatewayUrl;
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const manifest = JSON.parse(await readFile(spaManifestPath, 'utf8')) as { operations: { id: string; name: string }[] };
  const persisted = (name: string) => {
    const operation = manifest.operations.find((o) => o.name === name);
    if (!operation) throw new Error(`the SPA's manifest has no ${name} operation`);
    return encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: operation.id } }));
  };
  const topProductsHash = persisted('TopProducts');
  const productHash = persisted('Product');
  const catalog = await fetch(url, postJson({ query: '{ topProducts(first: 30) { upc } }' })).then((r) => r.json() as Promise<{ data: { topProducts: { upc: string }[] } }>);
  const upcs = catalog.data.topProducts.map((p) => p.upc);
  const tokens = await Promise.all(Array.from({ length: USERS }, (_, i) => stack.issuer.token({ user: String(i + 1) })));
  const hostile = hostileRequests(seed, 500);
  const getHeaders = { 'apollo-require-preflight': 'true' };
  let written = 0;

  const sendHostile = (request: HostileRequest) =>
    send(`hostile: ${request.kind}`, true, request.path ? new URL(request.path, url).href : `${url}${request.search ?? ''}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });

  const kinds: [weight: number, send: () => Promise<Outcome>][] = [
    [25, () => send('storefront list', false, url, postJson({ query: STOREFRONT }))],
    [15, () => send('product page', false, url, postJson({ query: PRODUCT, variables: { upc: pick(upcs) } }))],
    [15, () => send('persisted GET list', false, `${url}?extensions=${topProductsHash}`, { headers: getHeaders })],
    [10, () => send('persisted GET product', false, `${url}?variables=${encodeURIComponent(JSON.stringify({ upc: pick(upcs) }))}&extensions=${productHash}`, { headers: getHeaders })],
    [10, () => send('signed-in me', false, url, postJson({ query: ME }, { authorization: `Bearer ${pick(tokens)}` }))],
    [
      10,
      () => {
        written += 1;
        const input = { productUpc: pick(upcs), body: `Soak review ${written}: still holding up.`, rating: 1 + Math.floor(random() * 5) };
        return send('signed-in addReview', false, url, postJson({ query: ADD_REVIEW, variables: { input } }, { authorization: `Bearer ${pick(tokens)}` }));
      },
    ],
    [15, () => sendHostile(pick(hostile))],
  ];
  const total = kinds.reduce((sum, [weight]) => sum + weight, 0);
  return {
    next(): Promise<Outcome> {
      let draw = random() * total;
      for (const [weight, sendOne] of kinds) {
        draw -= weight;
        if (draw < 0) return sendOne();
      }
      return kinds[0]![1]();
    },
  };
}
