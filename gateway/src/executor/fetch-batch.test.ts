import type { GraphQLDataSource } from '@apollo/gateway';
import type { FetchNode } from '@apollo/query-planner';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FetchBatch, type SubgraphResponse } from './fetch-batch.ts';
import type { GatewayRequestContext } from './gateway-internals.ts';
import { buildMergedOperation } from './merged-operation.ts';

const entityFetch = (serviceName: string, operation: string, variableUsages: string[] = []): FetchNode =>
  ({ kind: 'Fetch', serviceName, operation, operationName: operation.match(/^query (\w+)/)?.[1], variableUsages, requires: [] }) as unknown as FetchNode;

const price = entityFetch('products', 'query Top__products__1($representations:[_Any!]!){_entities(representations:$representations){...on Product{price}}}');
const weight = entityFetch(
  'products',
  'query Top__products__2($representations:[_Any!]!$unit:String){_entities(representations:$representations){...on Product{...W}}}fragment W on Product{weight(unit:$unit)}',
  ['unit'],
);
const stock = entityFetch('inventory', 'query Top__inventory__3($representations:[_Any!]!){_entities(representations:$representations){...on Product{inStock}}}');

describe('buildMergedOperation', () => {
  it("puts each fetch's _entities under its own alias and variable, fragments renamed, client variables shared", () => {
    const merged = buildMergedOperation([price, weight])!;
    expect(merged.aliases).toEqual(['_0', '_1']);
    expect(merged.representationVariables).toEqual(['representations0', 'representations1']);
    expect(merged.operationName).toBe('Top__products__1');
    expect(print(parse(merged.query))).toBe(
      print(
        parse(`query Top__products__1($representations0: [_Any!]!, $representations1: [_Any!]!, $unit: String) {
          _0: _entities(representations: $representations0) { ... on Product { price } }
          _1: _entities(representations: $representations1) { ... on Product { ...W_1 } }
        }
        fragment W_1 on Product { weight(unit: $unit) }`),
      ),
    );
  });

  it('declines what it cannot merge safely: a root fetch, or a client variable with a name it needs', () => {
    const root = entityFetch('products', 'query Top__products__0{topProducts{upc}}');
    expect(buildMergedOperation([root, price])).toBeUndefined();
    const clash = entityFetch('products', 'query Q($representations:[_Any!]!$representations1:Int){_entities(representations:$representations){...on Product{price}}}', ['representations1']);
    expect(buildMergedOperation([price, clash])).toBeUndefined();
  });
});

/** A data source that records what it was sent and answers with `answer`. */
function recordingService(answer: (query: string, variables: Record<string, unknown>) => SubgraphResponse | Promise<SubgraphResponse>) {
  const calls: { query: string; variables: Record<string, unknown> }[] = [];
  const service = {
    async process({ request }: { request: { query: string; variables: Record<string, unknown> } }) {
      calls.push({ query: request.query, variables: request.variables });
      return answer(request.query, request.variables);
    },
  } as unknown as GraphQLDataSource;
  return { service, calls };
}

const requestContext = { context: {} } as unknown as GatewayRequestContext;
const reps = (...upcs: string[]) => upcs.map((upc) => ({ __typename: 'Product', upc }));

describe('FetchBatch', () => {
  it('sends entity fetches to one subgraph ready in the same turn as one request, and gives each its part', async () => {
    const products = recordingService(() => ({
      data: { _0: [{ price: 1 }, null], _1: [{ weight: 2 }] },
      errors: [
        { message: 'no price', path: ['_0', 1, 'price'] },
        { message: 'whole request', extensions: { code: 'SOMETHING' } },
      ],
    }));
    const inventory = recordingService(() => ({ data: { _entities: [{ inStock: true }] } }));
    const batch = new FetchBatch({ products: products.service, inventory: inventory.service }, requestContext);
    const [a, b, c] = await Promise.all([
      batch.entities({ fetch: price, variables: { representations: reps('1', '2') }, path: ['top'] }),
      batch.entities({ fetch: weight, variables: { representations: reps('3'), unit: 'kg' }, path: ['top'] }),
      batch.entities({ fetch: stock, variables: { representations: reps('1') }, path: ['top'] }),
    ]);
    expect(products.calls).toHaveLength(1);
    expect(products.calls[0]!.variables).toEqual({ representations0: reps('1', '2'), representations1: reps('3'), unit: 'kg' });
    expect(a).toEqual({
      data: { _entities: [{ price: 1 }, null] },
      errors: [{ message: 'no price', path: ['_entities', 1, 'price'] }, { message: 'whole request', extensions: { code: 'SOMETHING' } }],
    });
    expect(b).toEqual({ data: { _entities: [{ weight: 2 }] }, errors: [{ message: 'whole request', extensions: { code: 'SOMETHING' } }] });
    // A fetch alone goes out as its own operation.
    expect(inventory.calls).toEqual([{ query: stock.operation, variables: { representations: reps('1') } }]);
    expect(c).toEqual({ data: { _entities: [{ inStock: true }] } });
  });

  it('sends the fetches again one by one when the merged answer has no data for one of them', async () => {
    const products = recordingService((query) => (query.includes('_0:') ? { data: null, errors: [{ message: 'nulled', path: ['_1'] }] } : { data: { _entities: [{ ok: query.length }] } }));
    const batch = new FetchBatch({ products: products.service }, requestContext);
    const [a, b] = await Promise.all([
      batch.entities({ fetch: price, variables: { representations: reps('1') }, path: [] }),
      batch.entities({ fetch: weight, variables: { representations: reps('2') }, path: [] }),
    ]);
    expect(products.calls.map((c) => c.query)).toEqual([expect.stringContaining('_0:'), price.operation, weight.operation]);
    expect(a).toEqual({ data: { _entities: [{ ok: price.operation.length }] } });
    expect(b).toEqual({ data: { _entities: [{ ok: weight.operation.length }] } });
  });

  it("gives every fetch the errors of a request that failed as a whole, and rejects each when the call throws", async () => {
    const unavailable = recordingService(() => ({ errors: [{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] }));
    const batch = new FetchBatch({ products: unavailable.service }, requestContext);
    const parts = await Promise.all([
      batch.entities({ fetch: price, variables: { representations: reps('1') }, path: [] }),
      batch.entities({ fetch: weight, variables: { representations: reps('2') }, path: [] }),
    ]);
    expect(unavailable.calls).toHaveLength(1);
    expect(parts).toEqual([{ errors: [{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] }, { errors: [{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] }]);

    const throwing = recordingService(() => Promise.reject(new Error('socket hang up')));
    const failing = new FetchBatch({ products: throwing.service }, requestContext);
    const settled = await Promise.allSettled([
      failing.entities({ fetch: price, variables: { representations: reps('1') }, path: [] }),
      failing.entities({ fetch: weight, variables: { representations: reps('2') }, path: [] }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(throwing.calls).toHaveLength(1);
  });

  it('merges what became ready later in the same turn, but not what comes in a later turn', async () => {
    const products = recordingService((query) => ({ data: query.includes('_0:') ? { _0: [{}], _1: [{}] } : { _entities: [{}] } }));
    const batch = new FetchBatch({ products: products.service }, requestContext);
    const first = batch.entities({ fetch: price, variables: { representations: reps('1') }, path: [] });
    // A continuation a few microtasks later, as a Sequence's next fetch is.
    const second = Promise.resolve().then(() => Promise.resolve()).then(() => batch.entities({ fetch: weight, variables: { representations: reps('2') }, path: [] }));
    await Promise.all([first, second]);
    expect(products.calls).toHaveLength(1);
    await batch.entities({ fetch: price, variables: { representations: reps('3') }, path: [] });
    expect(products.calls).toHaveLength(2);
    expect(products.calls[1]!.query).toBe(price.operation);
  });

  it('holds a leaf fetch while an awaited request is out, and sends it with what that answer makes ready', async () => {
    let answerRoot!: () => void;
    const root = new Promise<SubgraphResponse>((resolve) => (answerRoot = () => resolve({ data: { top: [] } })));
    const products = recordingService((query) => ({ data: query.includes('_0:') ? { _0: [{}], _1: [{}] } : { _entities: [{}] } }));
    // `price` is a leaf of the plan; `weight` is not.
    const batch = new FetchBatch({ products: products.service }, requestContext, (fetch) => fetch === price);
    const rootFetch = entityFetch('accounts', 'query Top__accounts__0{me{id}}');
    const rootCall = batch.track([rootFetch], root);
    const leaf = batch.entities({ fetch: price, variables: { representations: reps('1') }, path: [] });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(products.calls).toHaveLength(0);
    // The root's answer makes `weight` ready: both go out in one request.
    const next = rootCall.then(() => batch.entities({ fetch: weight, variables: { representations: reps('2') }, path: [] }));
    answerRoot();
    await Promise.all([leaf, next]);
    expect(products.calls).toHaveLength(1);
    expect(products.calls[0]!.query).toContain('_1:');
  });

  it('holds a leaf no longer than the next answer, and not at all when nothing awaited is out', async () => {
    const products = recordingService(() => ({ data: { _entities: [{}] } }));
    const batch = new FetchBatch({ products: products.service }, requestContext, (fetch) => fetch === price);
    await batch.entities({ fetch: price, variables: { representations: reps('1') }, path: [] });
    expect(products.calls).toHaveLength(1);
    let answer!: () => void;
    const awaited = batch.track([weight], new Promise<SubgraphResponse>((resolve) => (answer = () => resolve({}))));
    const leaf = batch.entities({ fetch: price, variables: { representations: reps('2') }, path: [] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(products.calls).toHaveLength(1);
    answer();
    await Promise.all([awaited, leaf]);
    expect(products.calls).toHaveLength(2);
  });
});
