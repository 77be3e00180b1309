import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { createOtelBackend, otelTraceId, xrayTraceId } from './otel-tracer.ts';

const root = '1-5759e988-bd862e3fe1be46a994272793';
const parent = '53995c3f42cd8ad8';
let finished: ReadableSpan[];
let backend: ReturnType<typeof createOtelBackend>;

beforeEach(() => {
  finished = [];
  // Keeps what the batch processor hands over; the OTLP wire format is the viewer's tests' concern.
  const exporter: SpanExporter = {
    export: (spans, done) => {
      finished.push(...spans);
      done({ code: 0 });
    },
    shutdown: async () => undefined,
  };
  const logger = createLogger('test', 'silent');
  backend = createOtelBackend({ service: 'accounts', otlpEndpoint: 'http://127.0.0.1:9', daemonAddress: '127.0.0.1:2000', logger }, exporter);
});

/** Flushes what has ended and returns it by span name. */
async function exported(): Promise<Map<string, ReadableSpan>> {
  await backend.shutdown();
  return new Map(finished.map((span) => [span.name, span]));
}

describe('the OpenTelemetry backend', () => {
  it('makes trace ids in X-Ray format, the first 8 hex digits the epoch seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const ids = Array.from({ length: 20 }, () => backend.newTraceId());
    for (const id of ids) {
      expect(id).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      expect(Number.parseInt(id.slice(2, 10), 16)).toBeGreaterThanOrEqual(before);
      expect(Number.parseInt(id.slice(2, 10), 16)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
      expect(xrayTraceId(otelTraceId(id))).toBe(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('continues a trace from X-Amzn-Trace-Id, a Root alone included, and from traceparent', () => {
    expect(backend.extract({ 'x-amzn-trace-id': `Root=${root};Parent=${parent};Sampled=1` })).toEqual({ root, parent, sampled: true });
    expect(backend.extract({ 'x-amzn-trace-id': `Root=${root}` })).toEqual({ root });
    expect(backend.extract({ traceparent: `00-${otelTraceId(root)}-${parent}-00` })).toEqual({ root, parent, sampled: false });
    expect(backend.extract({ 'x-amzn-trace-id': 'Root=<script>' })).toBeNull();
  });

  it('records a segment in the given trace, under the caller or as a root, and its children under it', async () => {
    const withParent = backend.segment(root, parent);
    const child = withParent.child('plan');
    child.close();
    withParent.close();
    const alone = backend.segment(root, undefined);
    alone.close();
    expect([withParent.traceId, alone.traceId]).toEqual([root, root]);
    await backend.shutdown();
    const [planSpan, server, rootSpan] = finished;
    expect(server).toMatchObject({ name: 'accounts', kind: SpanKind.SERVER, parentSpanContext: { spanId: parent, isRemote: true } });
    expect(server!.spanContext().traceId).toBe(otelTraceId(root));
    expect(planSpan).toMatchObject({ name: 'plan', kind: SpanKind.INTERNAL, parentSpanContext: { spanId: server!.spanContext().spanId } });
    expect(rootSpan!.parentSpanContext).toBeUndefined();
    expect(rootSpan!.spanContext().traceId).toBe(otelTraceId(root));
  });

  it('writes what the ADOT collector turns into X-Ray annotations, SQL, AWS and HTTP data, errors and faults', async () => {
    const segment = backend.segment(root, parent);
    segment.annotate('operation_name', 'TopProducts');
    segment.annotate('operation-type', 'query');
    segment.http({ method: 'POST', url: '/graphql' }, 200);
    segment.flagError();
    const sql = segment.child('postgres', 'remote');
    sql.sql({ url: 'postgres://db/accounts', sanitized_query: 'SELECT 1', database_type: 'PostgreSQL' });
    sql.fault(new Error('connection reset'));
    sql.close();
    const dynamo = segment.child('DynamoDB', 'aws');
    dynamo.aws({ operation: 'BatchGetItem', table_name: 'products,inventory', region: 'us-east-1' });
    dynamo.close();
    segment.close();
    const spans = await exported();
    expect(spans.get('accounts')!.attributes).toMatchObject({
      operation_name: 'TopProducts',
      operation_type: 'query',
      'aws.xray.annotations': ['operation_name', 'operation_type'],
      'http.request.method': 'POST',
      'url.path': '/graphql',
      'http.response.status_code': 200,
      'error.type': 'client_error',
    });
    expect(spans.get('accounts')!.status.code).toBe(SpanStatusCode.UNSET);
    const postgres = spans.get('postgres')!;
    expect(postgres).toMatchObject({ kind: SpanKind.CLIENT, status: { code: SpanStatusCode.ERROR, message: 'connection reset' } });
    expect(postgres.attributes).toMatchObject({ 'db.system': 'postgresql', 'db.statement': 'SELECT 1', 'db.connection_string': 'postgres://db/accounts' });
    expect(postgres.events[0]).toMatchObject({ name: 'exception', attributes: { 'exception.message': 'connection reset' } });
    expect(spans.get('DynamoDB')!.attributes).toEqual({
      'rpc.system': 'aws-api',
      'rpc.service': 'DynamoDB',
      'rpc.method': 'BatchGetItem',
      'aws.dynamodb.table_names': ['products', 'inventory'],
      'aws.region': 'us-east-1',
    });
  });

  it('hands both headers to downstream requests, with the span as parent', async () => {
    const segment = backend.segment(root, parent);
    const fetch = segment.child('reviews', 'remote');
    expect(fetch.headers()).toEqual({
      'x-amzn-trace-id': `Root=${root};Parent=${fetch.id};Sampled=1`,
      traceparent: `00-${otelTraceId(root)}-${fetch.id}-01`,
    });
    expect(backend.extract(fetch.headers())).toEqual(fetch.context());
    fetch.close();
    segment.close();
    await exported();
  });

  it('registers nothing globally, so libraries with their own instrumentation stay silent', async () => {
    trace.getTracer('@apollo/gateway').startSpan('gateway.request').end();
    expect(await exported()).toEqual(new Map());
  });
});
