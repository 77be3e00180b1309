import { describe, expect, it } from 'vitest';
import { readExport } from './otlp-span.ts';

const traceId = '5759e988bd862e3fe1be46a994272793';
const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);
const text = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
const list = (key: string, values: string[]) => ({ key, value: { arrayValue: { values: values.map((v) => ({ stringValue: v })) } } });

interface SpanInput {
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  start?: number;
  attributes?: unknown[];
  status?: { code?: number; message?: string };
  events?: unknown[];
}

const span = ({ start = 1_700_000_000_000, ...rest }: SpanInput) => ({
  traceId,
  startTimeUnixNano: ns(start),
  endTimeUnixNano: ns(start + 12),
  ...rest,
});
const exportOf = (service: string, spans: unknown[]) => ({
  resourceSpans: [{ resource: { attributes: [text('service.name', service)] }, scopeSpans: [{ scope: { name: 'test' }, spans }] }],
});
const only = (body: unknown) => {
  const received = readExport(body);
  return [...received.traces.values()][0] ?? [];
};

describe('OTLP spans in the waterfall model', () => {
  it('makes server spans segments named for their service, the rest subsegments, under an X-Ray trace id', () => {
    const received = readExport(
      exportOf('reviews', [
        span({ spanId: 'aaaaaaaaaaaaaaaa', parentSpanId: 'ffffffffffffffff', name: 'reviews', kind: 2 }),
        span({ spanId: 'bbbbbbbbbbbbbbbb', parentSpanId: 'aaaaaaaaaaaaaaaa', name: 'postgres', kind: 3 }),
        span({ spanId: 'cccccccccccccccc', parentSpanId: 'aaaaaaaaaaaaaaaa', name: 'plan', kind: 1 }),
        span({ spanId: 'dddddddddddddddd', name: 'background job', kind: 1 }),
      ]),
    );
    expect([...received.traces.keys()]).toEqual(['1-5759e988-bd862e3fe1be46a994272793']);
    const spans = [...received.traces.values()][0]!;
    expect(spans.map(({ id, parentId, kind, name, namespace }) => ({ id, parentId, kind, name, namespace }))).toEqual([
      { id: 'aaaaaaaaaaaaaaaa', parentId: 'ffffffffffffffff', kind: 'segment', name: 'reviews', namespace: undefined },
      { id: 'bbbbbbbbbbbbbbbb', parentId: 'aaaaaaaaaaaaaaaa', kind: 'subsegment', name: 'postgres', namespace: 'remote' },
      { id: 'cccccccccccccccc', parentId: 'aaaaaaaaaaaaaaaa', kind: 'subsegment', name: 'plan', namespace: undefined },
      { id: 'dddddddddddddddd', parentId: undefined, kind: 'segment', name: 'reviews', namespace: undefined },
    ]);
    expect(spans[0]).toMatchObject({ startMs: 1_700_000_000_000, endMs: 1_700_000_000_012, inProgress: false });
  });

  it('reads HTTP, SQL, DynamoDB and the annotations X-Ray would index, nothing else', () => {
    const [server, sql, dynamo] = only(
      exportOf('products', [
        span({
          spanId: 'aaaaaaaaaaaaaaaa',
          name: 'products',
          kind: 2,
          attributes: [
            text('http.request.method', 'POST'),
            text('url.path', '/graphql'),
            int('http.response.status_code', 200),
            text('operation_name', 'TopProducts'),
            int('cache_hits', 3),
            text('not_indexed', 'x'),
            list('aws.xray.annotations', ['operation_name', 'cache_hits', 'missing']),
          ],
        }),
        span({
          spanId: 'bbbbbbbbbbbbbbbb',
          parentSpanId: 'aaaaaaaaaaaaaaaa',
          name: 'postgres',
          kind: 3,
          attributes: [text('db.system', 'postgresql'), text('db.statement', 'SELECT 1'), text('db.connection_string', 'postgres://db')],
        }),
        span({
          spanId: 'cccccccccccccccc',
          parentSpanId: 'aaaaaaaaaaaaaaaa',
          name: 'DynamoDB',
          kind: 3,
          attributes: [text('rpc.system', 'aws-api'), text('rpc.method', 'BatchGetItem'), list('aws.dynamodb.table_names', ['products', 'stock'])],
        }),
      ]),
    );
    expect(server).toMatchObject({ http: { method: 'POST', url: '/graphql', status: 200 }, annotations: { operation_name: 'TopProducts', cache_hits: 3 } });
    expect(Object.keys(server!.annotations)).toEqual(['operation_name', 'cache_hits']);
    expect(sql).toMatchObject({ sql: { url: 'postgres://db', query: 'SELECT 1' } });
    expect(dynamo).toMatchObject({ namespace: 'aws', aws: { operation: 'BatchGetItem', table: 'products, stock' } });
  });

  it.each([
    ['an HTTP 4xx', [int('http.response.status_code', 404)], undefined, { error: true, fault: false, throttle: false }],
    ['an HTTP 429', [int('http.response.status_code', 429)], undefined, { error: true, fault: false, throttle: true }],
    ['an HTTP 5xx', [int('http.response.status_code', 503)], undefined, { error: false, fault: true, throttle: false }],
    ['an Error status', [], { code: 2, message: 'boom' }, { error: false, fault: true, errorMessage: 'boom' }],
    ['an Error status on a 4xx', [int('http.response.status_code', 400)], { code: 2 }, { error: true, fault: false }],
    ['error.type without Error status', [text('error.type', 'client_error')], undefined, { error: true, fault: false }],
    ['an Ok status', [], { code: 1 }, { error: false, fault: false }],
  ])('flags %s as X-Ray would', (_, attributes, status, flags) => {
    const [server] = only(exportOf('accounts', [span({ spanId: 'aaaaaaaaaaaaaaaa', name: 'accounts', kind: 2, attributes, ...(status ? { status } : {}) })]));
    expect(server).toMatchObject(flags);
  });

  it('takes a fault\'s message from its exception event', () => {
    const exception = { name: 'exception', attributes: [text('exception.type', 'Error'), text('exception.message', 'connection reset')] };
    const [server] = only(exportOf('accounts', [span({ spanId: 'aaaaaaaaaaaaaaaa', name: 'accounts', kind: 2, status: { code: 2 }, events: [exception] })]));
    expect(server).toMatchObject({ fault: true, errorMessage: 'connection reset' });
  });

  it('rejects spans with bad ids or times one by one, keeps the rest, and says why', () => {
    const received = readExport(
      exportOf('accounts', [
        span({ spanId: 'aaaaaaaaaaaaaaaa', name: 'kept', kind: 2 }),
        span({ spanId: '0000000000000000', name: 'zero id' }),
        span({ spanId: 'abc', name: 'short id' }),
        span({ spanId: 'bbbbbbbbbbbbbbbb', name: '' }),
        span({ spanId: 'cccccccccccccccc', name: 'year 3000', start: 32_503_680_000_000 }),
        { spanId: 'dddddddddddddddd', name: 'no trace id', startTimeUnixNano: ns(1) },
      ]),
    );
    expect([...received.traces.values()].flat().map((s) => s.name)).toEqual(['accounts']);
    expect(received.rejected).toBe(5);
    expect(received.reason).toBe('spanId: must not be all zeros');
  });

  it('drops malformed details without losing the span, and clips long texts', () => {
    const [server] = only(
      exportOf('accounts', [
        span({
          spanId: 'aaaaaaaaaaaaaaaa',
          name: 'accounts',
          kind: 2,
          attributes: [{ key: 'broken', value: { doubleValue: 'NaN' } }, 'not an attribute', text('long', 'x'.repeat(1_000)), list('aws.xray.annotations', ['long', 'broken'])],
          events: [42],
        }),
      ]),
    );
    expect(server!.annotations.long).toHaveLength(300);
    expect(server!.annotations).not.toHaveProperty('broken');
  });

  it('refuses what is no trace export at all', () => {
    expect(() => readExport({ resourceSpans: 'nope' })).toThrow(/not an OTLP trace export/);
    expect(readExport({}).traces.size).toBe(0);
  });
});
