import { ROOT_CONTEXT, TraceFlags, defaultTextMapGetter, defaultTextMapSetter, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { describe, expect, it } from 'vitest';
import { formatTraceHeader, formatTraceparent, incomingTrace, parseAmznTraceHeader, parseTraceparent, type TraceContext } from './trace-header.ts';

// Our parsers and formatters against OpenTelemetry's propagators, which the otel backend uses.
const xray = new AWSXRayPropagator();
const w3c = new W3CTraceContextPropagator();
const root = '1-5759e988-bd862e3fe1be46a994272793';
const parent = '53995c3f42cd8ad8';

/** What a propagator extracts, in our terms; null when it finds no valid context. */
function viaPropagator(propagator: AWSXRayPropagator | W3CTraceContextPropagator, name: string, value: string): TraceContext | null {
  const context = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, { [name]: value }, defaultTextMapGetter));
  if (!context) return null;
  const hex = context.traceId.toLowerCase();
  return { root: `1-${hex.slice(0, 8)}-${hex.slice(8)}`, parent: context.spanId.toLowerCase(), sampled: (context.traceFlags & TraceFlags.SAMPLED) !== 0 };
}

const sameAsPropagator = [
  `Root=${root};Parent=${parent};Sampled=1`,
  `Root=${root};Parent=${parent};Sampled=0`,
  `Root=${root.toUpperCase()};Parent=${parent.toUpperCase()};Sampled=1`,
  ` Root=${root} ; Parent=${parent} ; Sampled=1 `,
  `Self=1-5759e989-bd862e3fe1be46a994272794;Root=${root};Parent=${parent};Sampled=1`,
  `Root=${root};Parent=${parent};Sampled=1;Lineage=a87bd80c:1`,
  `Root=${root};Parent=${parent};Sampled=1;`,
  `Root=2-5759e988-bd862e3fe1be46a994272793;Parent=${parent};Sampled=1`,
  `Root=1-00000000-000000000000000000000000;Parent=${parent};Sampled=1`,
  `Root=<script>;Sampled=1`,
  `Root=${root}=x;Parent=${parent};Sampled=1`,
  '',
];

// Where the propagator finds nothing and we continue the Root, leaving the decision to the
// service when Sampled is absent or `?` (X-Ray's "requested"), and dropping a Parent that is no span id.
const onlyOursContinue: [string, TraceContext][] = [
  [`Root=${root}`, { root }],
  [`Root=${root};Sampled=1`, { root, sampled: true }],
  [`Root=${root};Parent=${parent}`, { root, parent }],
  [`Root=${root};Parent=${parent};Sampled=?`, { root, parent }],
  [`Root=${root};Parent=0000000000000000;Sampled=1`, { root, sampled: true }],
  [`Root=${root};Parent=53995c3f42cd8ad;Sampled=1`, { root, sampled: true }],
];

const traceparents = [
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03',
  ' 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ',
  '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later-fields',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra',
  '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01',
  'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g',
  'garbage',
  '',
];

describe('incoming trace headers, against the OpenTelemetry propagators', () => {
  it.each(sameAsPropagator)('X-Amzn-Trace-Id %j reads as the X-Ray propagator reads it', (header) => {
    expect(parseAmznTraceHeader(header)).toEqual(viaPropagator(xray, 'x-amzn-trace-id', header));
  });

  it.each(onlyOursContinue)('X-Amzn-Trace-Id %j, refused by the propagator, continues its Root', (header, expected) => {
    expect(viaPropagator(xray, 'x-amzn-trace-id', header)).toBeNull();
    expect(parseAmznTraceHeader(header)).toEqual(expected);
  });

  it.each(traceparents)('traceparent %j reads as the W3C propagator reads it', (header) => {
    expect(parseTraceparent(header)).toEqual(viaPropagator(w3c, 'traceparent', header));
  });

  it('prefers X-Amzn-Trace-Id over traceparent, as the otel backend orders its propagators', () => {
    const headers = { 'x-amzn-trace-id': `Root=${root};Parent=${parent};Sampled=1`, traceparent: traceparents[0]! };
    expect(incomingTrace(headers)).toEqual({ root, parent, sampled: true });
    expect(incomingTrace({ ...headers, 'x-amzn-trace-id': 'Root=nonsense' })?.root).toBe('1-4bf92f35-77b34da6a3ce929d0e0e4736');
    expect(incomingTrace({})).toBeNull();
  });
});

describe('outgoing trace headers, against the OpenTelemetry propagators', () => {
  it.each([true, false])('writes what the propagators write (sampled: %s)', (sampled) => {
    const context = { root, parent, sampled };
    const carrier: Record<string, string> = {};
    const spanContext = { traceId: root.slice(2, 10) + root.slice(11), spanId: parent, traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE };
    const otelContext = trace.setSpanContext(ROOT_CONTEXT, spanContext);
    xray.inject(otelContext, carrier, defaultTextMapSetter);
    w3c.inject(otelContext, carrier, defaultTextMapSetter);
    expect({ 'x-amzn-trace-id': formatTraceHeader(context), traceparent: formatTraceparent(context) }).toEqual(carrier);
  });

  it('round-trips: what one service writes, the next reads as the same position', () => {
    const context = { root, parent, sampled: true };
    expect(parseAmznTraceHeader(formatTraceHeader(context))).toEqual(context);
    expect(parseTraceparent(formatTraceparent(context))).toEqual(context);
  });
});
