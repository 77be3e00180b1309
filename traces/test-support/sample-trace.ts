import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { assembleTrace, type AssembledTrace } from '../src/assemble.ts';
import { parseDaemonAddress } from '../src/daemon-address.ts';
import { parseDatagram } from '../src/segment-document.ts';
import { TraceStore } from '../src/trace-store.ts';

/** A segment document as a service sends it (input shape, unvalidated). */
export type Document = Record<string, unknown>;

export const newTraceId = () => `1-${Math.floor(Date.now() / 1000).toString(16).padStart(8, '0')}-${randomBytes(12).toString('hex')}`;
export const newId = () => randomBytes(8).toString('hex');

/** One datagram of the X-Ray daemon protocol. */
export const datagram = (document: Document): Buffer =>
  Buffer.from(`{"format": "json", "version": 1}\n${JSON.stringify(document)}`);

/** Every trace the documents make, newest first, through the same parsing and store as the collector. */
export function assembleDocuments(documents: Document[]): AssembledTrace[] {
  const store = new TraceStore({ maxTraces: 10, maxSpansPerTrace: 100 });
  for (const document of documents) {
    const parsed = parseDatagram(datagram(document));
    if (!parsed.ok) throw new Error(parsed.reason);
    store.add(parsed.document);
  }
  return store.list().map(assembleTrace);
}

/** Sends datagrams to a collector, in order, from one socket. */
export async function sendDatagrams(udpAddress: string, datagrams: Buffer[]): Promise<void> {
  const { host, port } = parseDaemonAddress(udpAddress);
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  try {
    for (const data of datagrams) {
      await new Promise<void>((resolve, reject) => socket.send(data, port, host, (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    socket.close();
  }
}

export interface SampleTrace {
  traceId: string;
  /** In the order a real stack sends them: streamed subsegments and subgraphs before the gateway's segment. */
  documents: Document[];
  ids: { gateway: string; plan: string; fetch: Record<Subgraph, string>; subgraph: Record<Subgraph, string> };
}

type Subgraph = 'products' | 'inventory' | 'reviews' | 'accounts';

/**
 * A trace shaped like the storefront query through the real stack: the gateway's segment with a
 * `plan` subsegment and one fetch subsegment per subgraph; each subgraph's segment parented by its
 * fetch; under those the `redis`, `dynamodb` and `postgres` subsegments. The reviews subgraph
 * streams its postgres subsegment as an independent document, as the SDK does on busy segments.
 * `fault: true` makes the accounts query fail. A fixed traceId and startSeconds make the pages
 * it is shown on the same from run to run.
 */
export function sampleTrace(options: { traceId?: string; startSeconds?: number; fault?: boolean } = {}): SampleTrace {
  const traceId = options.traceId ?? newTraceId();
  const t0 = options.startSeconds ?? Date.now() / 1000;
  const at = (ms: number) => t0 + ms / 1000;
  const ids = {
    gateway: newId(),
    plan: newId(),
    fetch: { products: newId(), inventory: newId(), reviews: newId(), accounts: newId() },
    subgraph: { products: newId(), inventory: newId(), reviews: newId(), accounts: newId() },
  };
  const span = (name: string, from: number, to: number, extra: Document = {}): Document => ({
    id: newId(),
    name,
    start_time: at(from),
    end_time: at(to),
    ...extra,
  });
  const redis = (from: number, to: number, result: 'hit' | 'miss') =>
    span('redis', from, to, { namespace: 'remote', annotations: { cache: result, command: 'MGET' } });
  const dynamodb = (table: string, from: number, to: number) =>
    span('dynamodb', from, to, { namespace: 'aws', aws: { operation: 'BatchGetItem', table_name: table } });
  const postgres = (query: string, from: number, to: number, extra: Document = {}) =>
    span('postgres', from, to, { namespace: 'remote', sql: { url: 'postgresql://db/tributary', sanitized_query: query }, ...extra });
  const fetch = (name: Subgraph, from: number, to: number, status = 200) => ({
    ...span(name, from, to, { namespace: 'remote', http: { request: { method: 'POST', url: `http://${name}/graphql` }, response: { status } } }),
    ...(status >= 500 && { fault: true }),
    id: ids.fetch[name],
  });
  const subgraph = (name: Subgraph, from: number, to: number, subsegments: Document[], extra: Document = {}): Document => ({
    ...span(name, from, to, { http: { request: { method: 'POST', url: '/graphql' }, response: { status: 200 } }, ...extra }),
    id: ids.subgraph[name],
    trace_id: traceId,
    parent_id: ids.fetch[name],
    subsegments,
  });
  const fault = options.fault === true;
  const reviewsQuery = postgres('SELECT id, body, rating FROM reviews.reviews WHERE product_upc = ANY($1)', 17, 26);

  const documents: Document[] = [
    subgraph('products', 3, 11, [redis(3.5, 4.2, 'miss'), dynamodb('products', 4.5, 10)]),
    subgraph('inventory', 14, 21, [redis(14.5, 15.1, 'miss'), dynamodb('inventory', 15.5, 20)]),
    { ...reviewsQuery, type: 'subsegment', trace_id: traceId, parent_id: ids.subgraph.reviews },
    subgraph('reviews', 14, 29, [redis(14.4, 16.5, 'miss')]),
    subgraph(
      'accounts',
      32,
      39,
      [redis(32.5, 33, 'miss'), postgres('SELECT id, name FROM accounts.users WHERE id = ANY($1)', 33.5, 38, fault ? { fault: true, cause: { exceptions: [{ message: 'connection terminated' }] } } : {})],
      fault ? { fault: true } : {},
    ),
    {
      ...span('gateway', 0, 42, {
        http: { request: { method: 'POST', url: '/graphql' }, response: { status: 200 } },
        annotations: { operation_name: 'TopProducts', operation_type: 'query' },
      }),
      id: ids.gateway,
      trace_id: traceId,
      subsegments: [
        { ...span('plan', 0.5, 1.8, { annotations: { plan_cache: 'hit' } }), id: ids.plan },
        fetch('products', 2, 12),
        fetch('inventory', 13, 22),
        fetch('reviews', 13, 30),
        fetch('accounts', 31, 40, fault ? 500 : 200),
      ],
      ...(fault && { fault: true }),
    },
  ];
  return { traceId, documents, ids };
}
