import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTraceCollector, type TraceCollector } from './collector.ts';

let collector: TraceCollector;
beforeAll(async () => {
  collector = await startTraceCollector({ udpAddress: '127.0.0.1:0', httpPort: 0, otlpPort: 0 });
});
afterAll(() => collector.stop());

/** A small real trace made by the OpenTelemetry SDK: a server span, a client call under it with an error. */
function makeTrace(spanExporter: SpanExporter): string {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'reviews' }),
    idGenerator: new AWSXRayIdGenerator(),
    spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })],
  });
  const tracer = provider.getTracer('test');
  const server = tracer.startSpan('reviews', { kind: SpanKind.SERVER, attributes: { operation_name: 'Page', 'aws.xray.annotations': ['operation_name'] } });
  const call = tracer.startSpan('postgres', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.statement': 'SELECT 1' } }, trace.setSpan(ROOT_CONTEXT, server));
  call.recordException(new Error('connection reset'));
  call.setStatus({ code: SpanStatusCode.ERROR });
  call.end();
  server.end();
  const { traceId } = server.spanContext();
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}

/** The spans of one made trace, as the SDK hands them to exporters. */
function madeSpans(): { traceId: string; spans: ReadableSpan[] } {
  const spans: ReadableSpan[] = [];
  const traceId = makeTrace({ export: (batch, done) => (spans.push(...batch), done({ code: 0 })), shutdown: async () => undefined });
  return { traceId, spans };
}

const post = (body: Uint8Array | string, headers: Record<string, string>, path = '/v1/traces') =>
  fetch(`${collector.otlpUrl}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : Buffer.from(body) });

describe('the OTLP/HTTP receiver', () => {
  it('takes what the OpenTelemetry exporter sends and assembles it as it does X-Ray segments', async () => {
    const exporter = new OTLPTraceExporter({ url: `${collector.otlpUrl}/v1/traces` });
    const traceId = makeTrace(exporter);
    await exporter.forceFlush();
    await vi.waitFor(() => expect(collector.trace(traceId)?.summary.spanCount).toBe(2));
    const assembled = collector.trace(traceId)!;
    expect(traceId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(assembled.summary).toMatchObject({ rootName: 'reviews', operation: 'Page', fault: true });
    const [server] = assembled.roots;
    expect(server).toMatchObject({ kind: 'segment', name: 'reviews', annotations: { operation_name: 'Page' } });
    expect(server!.children[0]).toMatchObject({ kind: 'subsegment', name: 'postgres', namespace: 'remote', sql: { query: 'SELECT 1' }, fault: true, errorMessage: 'connection reset' });
    await exporter.shutdown();
  });

  it('reads protobuf, JSON and gzip alike (differential against the OpenTelemetry serializers)', async () => {
    const encodings = [
      ['protobuf', 'application/x-protobuf', ProtobufTraceSerializer.serializeRequest.bind(ProtobufTraceSerializer), false],
      ['json', 'application/json', JsonTraceSerializer.serializeRequest.bind(JsonTraceSerializer), false],
      ['gzip', 'application/x-protobuf', ProtobufTraceSerializer.serializeRequest.bind(ProtobufTraceSerializer), true],
    ] as const;
    const assembled = [];
    for (const [, type, serialize, gzipped] of encodings) {
      const { traceId, spans } = madeSpans();
      const raw = serialize(spans)!;
      const body = gzipped ? await promisify(gzip)(raw) : raw;
      const response = await post(body, { 'content-type': type, ...(gzipped ? { 'content-encoding': 'gzip' } : {}) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      const { roots, summary } = collector.trace(traceId)!;
      // Ids and times differ from trace to trace; everything else must not.
      assembled.push(JSON.parse(JSON.stringify({ roots, summary }, (key, value) => (/^(id|parentId|traceId|startMs|endMs|durationMs)$/.test(key) ? undefined : value))));
    }
    expect(assembled[1]).toEqual(assembled[0]);
    expect(assembled[2]).toEqual(assembled[0]);
  });

  it('says which spans it rejected, keeping the others', async () => {
    const { traceId, spans } = madeSpans();
    const body = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)));
    body.resourceSpans[0].scopeSpans[0].spans[0].spanId = 'not hex';
    const response = await post(JSON.stringify(body), { 'content-type': 'application/json' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ partialSuccess: { rejectedSpans: 1, errorMessage: expect.stringMatching(/^1 spans rejected; the first: spanId: /) } });
    expect(collector.trace(traceId)?.summary.spanCount).toBe(1);
  });

  it.each([
    ['a path other than /v1/traces', '/v1/metrics', { 'content-type': 'application/json' }, '{}', 404],
    ['a type other than protobuf or JSON', '/v1/traces', { 'content-type': 'text/plain' }, '{}', 415],
    ['an unknown content-encoding', '/v1/traces', { 'content-type': 'application/json', 'content-encoding': 'br' }, '{}', 415],
    ['JSON that is not JSON', '/v1/traces', { 'content-type': 'application/json' }, '{"resourceSpans": [', 400],
    ['JSON that is no export', '/v1/traces', { 'content-type': 'application/json' }, '{"resourceSpans": 7}', 400],
    ['protobuf that is no export', '/v1/traces', { 'content-type': 'application/x-protobuf' }, '\u00ff\u00ff\u00ff\u00ff', 400],
    ['gzip that is not gzip', '/v1/traces', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'plain', 400],
    ['a body over 4 MiB', '/v1/traces', { 'content-type': 'application/json' }, 'x'.repeat(4 * 1024 * 1024 + 1), 413],
  ])('refuses %s, changing nothing', async (_, path, headers, body, status) => {
    const before = { traces: collector.traces().length, refused: collector.stats().otlpRefused };
    const response = await post(body, headers, path);
    expect(response.status).toBe(status);
    if (headers['content-type'] === 'application/json') expect(await response.json()).toMatchObject({ code: 3, message: expect.any(String) });
    expect(collector.traces().length).toBe(before.traces);
    expect(collector.stats().otlpRefused).toBe(before.refused + 1);
  });

  it('answers GET with 405 and the method it takes', async () => {
    const response = await fetch(`${collector.otlpUrl}/v1/traces`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
