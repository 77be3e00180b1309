import { describe, expect, it } from 'vitest';
import { datagram } from '../test-support/sample-trace.ts';
import { parseDatagram } from './segment-document.ts';

const segment = {
  name: 'gateway',
  id: '70de5b6f19ff9a0a',
  trace_id: '1-581cf771-a006649127e371903a2de979',
  start_time: 1.478293361271e9,
  end_time: 1.478293361449e9,
};

const reasonOf = (data: Uint8Array) => {
  const parsed = parseDatagram(data);
  return parsed.ok ? 'ok' : parsed.reason;
};

describe('parseDatagram', () => {
  it('reads a header line and a segment document', () => {
    const parsed = parseDatagram(datagram({ ...segment, metadata: { default: { big: 'x' } }, subsegments: [{ id: 'aaaaaaaaaaaaaaaa', name: 'plan', start_time: 1.4782933613e9, end_time: 1.4782933614e9 }] }));
    expect(parsed.ok && parsed.document).toMatchObject({ ...segment, subsegments: [{ id: 'aaaaaaaaaaaaaaaa', name: 'plan' }] });
    expect(parsed.ok && 'metadata' in parsed.document).toBe(false);
  });

  it('accepts the header with or without spaces, as SDKs differ', () => {
    expect(reasonOf(Buffer.from(`{"format":"json","version":1}\n${JSON.stringify(segment)}`))).toBe('ok');
  });

  it('accepts an independent subsegment with its parent_id and an in-progress segment', () => {
    expect(reasonOf(datagram({ ...segment, type: 'subsegment', parent_id: '1111111111111111', namespace: 'remote' }))).toBe('ok');
    expect(reasonOf(datagram({ ...segment, end_time: undefined, in_progress: true }))).toBe('ok');
  });

  it('drops a malformed detail but keeps the segment', () => {
    const parsed = parseDatagram(datagram({ ...segment, annotations: { nested: { no: 1 } }, http: { response: { status: 'two hundred' } } }));
    expect(parsed.ok && parsed.document.annotations).toBeUndefined();
    expect(parsed.ok && parsed.document.http).toEqual({ response: {} });
  });

  it.each([
    ['no header line', Buffer.from(JSON.stringify(segment))],
    ['not an X-Ray daemon header', Buffer.from(`{"format":"xml","version":1}\n${JSON.stringify(segment)}`)],
    ['not an X-Ray daemon header', Buffer.from(`nonsense\n${JSON.stringify(segment)}`)],
    ['body is not JSON', Buffer.from('{"format":"json","version":1}\n{"name":')],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x0a])],
    ['id: must be 16 hex digits', datagram({ ...segment, id: 'xyz' })],
    ['trace_id: must look like', datagram({ ...segment, trace_id: 'Root=1-2-3' })],
    ['start_time', datagram({ ...segment, start_time: 'yesterday' })],
    ['start_time', datagram({ ...segment, start_time: 1e306 })],
    ['name', datagram({ ...segment, name: '' })],
    ['an independent subsegment needs a parent_id', datagram({ ...segment, type: 'subsegment' })],
    ['subsegments.0.id', datagram({ ...segment, subsegments: [{ name: 'x', start_time: 1 }] })],
    ['document', datagram([segment] as never)],
    ['document', Buffer.from('{"format":"json","version":1}\nnull')],
  ])('rejects a datagram with %s', (reason, data) => {
    expect(reasonOf(data)).toContain(reason);
  });

  it('rejects absurd nesting without running out of stack', () => {
    // Built as text: JSON.stringify itself would run out of stack on it.
    const level = '{"id":"bbbbbbbbbbbbbbbb","name":"deep","start_time":1,"subsegments":[';
    const body = `${JSON.stringify(segment).slice(0, -1)},"subsegments":[${level.repeat(5000)}${']}'.repeat(5000)}]}`;
    expect(reasonOf(Buffer.from(`{"format":"json","version":1}\n${body}`))).toBe('nested too deeply');
  });
});
