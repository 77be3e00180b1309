import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.ts';
import { Tracer, type TracerOptions, type TracingBackendName } from './tracing.ts';

// Where each backend sends: a UDP socket for X-Ray segments, an HTTP endpoint for OTLP exports.
const received = { datagrams: 0, exports: 0 };
const udp = createSocket('udp4').on('message', () => received.datagrams++);
const otlp = createServer((request, response) => {
  if (request.url === '/v1/traces') received.exports++;
  request.resume().on('end', () => response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
});
let destinations: Pick<TracerOptions, 'daemonAddress' | 'otlpEndpoint'>;

beforeAll(async () => {
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => otlp.listen(0, '127.0.0.1', resolve));
  destinations = {
    daemonAddress: `127.0.0.1:${udp.address().port}`,
    otlpEndpoint: `http://127.0.0.1:${(otlp.address() as AddressInfo).port}`,
  };
});
afterAll(async () => {
  udp.close();
  await new Promise((resolve) => otlp.close(resolve));
});

const root = '1-5759e988-bd862e3fe1be46a994272793';
const parent = '53995c3f42cd8ad8';
const tracer = (backend: TracingBackendName, options: Partial<TracerOptions> = {}) =>
  new Tracer({ service: 'gateway', enabled: true, backend, samplingRate: 1, reservoirPerSecond: 0, logger: createLogger('test', 'silent'), ...destinations, ...options });

describe.each(['xray', 'otel'] as const)('the tracer with the %s backend', (backend) => {
  it('before its SDK has loaded, keeps the trace id and records nothing', async () => {
    const loading = tracer(backend);
    const span = loading.startSegment({ 'x-amzn-trace-id': `Root=${root};Parent=${parent};Sampled=1` });
    expect(span).toMatchObject({ traceId: root, sampled: false });
    await loading.ready();
    expect(loading.startSegment({ 'x-amzn-trace-id': `Root=${root};Parent=${parent};Sampled=1` }).sampled).toBe(true);
  });

  it('follows the caller\'s decision, and passes an unsampled one on in both headers', async () => {
    const ready = tracer(backend);
    await ready.ready();
    const span = ready.startSegment({ traceparent: `00-5759e988bd862e3fe1be46a994272793-${parent}-00` });
    expect(span).toMatchObject({ traceId: root, sampled: false });
    expect(span.headers()).toEqual({ 'x-amzn-trace-id': `Root=${root};Parent=${span.id};Sampled=0`, traceparent: `00-5759e988bd862e3fe1be46a994272793-${span.id}-00` });
    expect(span.child('plan')).toBe(span);
  });

  it('samples by its own rule when no caller decided, starting X-Ray-format trace ids', async () => {
    const always = tracer(backend);
    const never = tracer(backend, { samplingRate: 0 });
    await Promise.all([always.ready(), never.ready()]);
    const sampled = always.startSegment({});
    expect(sampled.sampled).toBe(true);
    expect(sampled.traceId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(Math.abs(Number.parseInt(sampled.traceId.slice(2, 10), 16) - Date.now() / 1000)).toBeLessThan(5);
    sampled.close();
    expect(never.startSegment({ 'x-amzn-trace-id': `Root=${root}` })).toMatchObject({ traceId: root, sampled: false });
    expect(always.startSegment({ 'x-amzn-trace-id': `Root=${root}` })).toMatchObject({ traceId: root, sampled: true });
  });

  it('with tracing off, records nothing and still gives every request a trace id', async () => {
    const off = tracer(backend, { enabled: false });
    await off.ready();
    expect(off.startSegment({ 'x-amzn-trace-id': `Root=${root};Sampled=1` })).toMatchObject({ traceId: root, sampled: false });
    await off.close();
  });

  it('closes cleanly when nothing listens where its spans go', async () => {
    const nowhere = tracer(backend, { daemonAddress: '127.0.0.1:9', otlpEndpoint: 'http://127.0.0.1:9' });
    await nowhere.ready();
    nowhere.startSegment({ 'x-amzn-trace-id': `Root=${root};Parent=${parent};Sampled=1` }).close();
    await expect(nowhere.close()).resolves.toBeUndefined();
  });

  it('sends the spans it recorded, at the latest when closed', async () => {
    const before = { ...received };
    const sending = tracer(backend);
    await sending.ready();
    const segment = sending.startSegment({ 'x-amzn-trace-id': `Root=${root};Parent=${parent};Sampled=1` });
    segment.child('plan').close();
    segment.close();
    await sending.close();
    if (backend === 'otel') expect(received.exports).toBeGreaterThan(before.exports);
    else await vi.waitFor(() => expect(received.datagrams).toBeGreaterThan(before.datagrams));
  });
});
