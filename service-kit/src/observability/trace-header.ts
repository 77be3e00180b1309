import { randomBytes } from 'node:crypto';

/** A position in a trace: the X-Ray trace id, the calling span, the sampling decision. */
export interface TraceContext {
  /** X-Ray trace id, `1-<8 hex epoch seconds>-<24 hex>`. */
  root: string;
  /** Id of the span that made this call (16 hex), if any. */
  parent?: string;
  /** The caller's sampling decision; undefined lets this service decide. */
  sampled?: boolean;
}

const ROOT = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
// An id of zeros is W3C's "invalid" (OpenTelemetry's propagators refuse it too).
const zeros = (hex: string) => /^0+$/.test(hex);

/**
 * Parses `X-Amzn-Trace-Id` as the ALB sends it (`Root=1-…;Parent=…;Sampled=1`). Anything
 * malformed yields null: the caller then starts a new trace; nothing is ever echoed raw. Unlike
 * OpenTelemetry's X-Ray propagator, a Root without Parent or Sampled is continued: that is what
 * the ALB sends, and its access logs carry that Root.
 */
export function parseAmznTraceHeader(value: string | undefined): TraceContext | null {
  if (!value || value.length > 256) return null;
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const [key, field, ...rest] = part.trim().split('=');
    if (key && field !== undefined && rest.length === 0) fields.set(key, field);
  }
  const root = fields.get('Root')?.toLowerCase();
  if (!root || !ROOT.test(root) || zeros(root.slice(2, 10) + root.slice(11))) return null;
  const parent = fields.get('Parent')?.toLowerCase();
  const sampled = fields.get('Sampled');
  return {
    root,
    ...(parent && SPAN_ID.test(parent) && !zeros(parent) ? { parent } : {}),
    ...(sampled === '1' ? { sampled: true } : sampled === '0' ? { sampled: false } : {}),
  };
}

/**
 * Maps a W3C `traceparent` onto the same X-Ray trace (as the X-Ray propagator does). As the spec
 * says: lowercase hex only, version ff refused, later versions read for their first four fields.
 */
export function parseTraceparent(value: string | undefined): TraceContext | null {
  const match = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/.exec(value?.trim() ?? '');
  if (!match || match[1] === 'ff' || (match[1] === '00' && match[5] !== undefined)) return null;
  if (zeros(match[2]!) || zeros(match[3]!)) return null;
  const [, , trace, parent, flags] = match as unknown as [string, string, string, string, string];
  return { root: `1-${trace.slice(0, 8)}-${trace.slice(8)}`, parent, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/** `X-Amzn-Trace-Id` for a downstream request: `Root=…;Parent=…;Sampled=…`, as the X-Ray SDK writes it. */
export function formatTraceHeader({ root, parent, sampled }: TraceContext): string {
  return [`Root=${root}`, parent ? `Parent=${parent}` : '', sampled === undefined ? '' : `Sampled=${sampled ? 1 : 0}`]
    .filter(Boolean)
    .join(';');
}

/** W3C `traceparent` for the same position: the X-Ray id's 32 hex digits, the parent span, the decision. */
export const formatTraceparent = ({ root, parent, sampled }: OutgoingTraceContext): string =>
  `00-${root.slice(2, 10)}${root.slice(11)}-${parent}-${sampled ? '01' : '00'}`;

/** A position a downstream request continues: always with a parent and a decision. */
export type OutgoingTraceContext = Required<TraceContext>;

/** What every downstream request carries: both headers, so X-Ray and W3C callees continue the trace. */
export const traceHeaders = (context: OutgoingTraceContext): Record<string, string> => ({
  'x-amzn-trace-id': formatTraceHeader(context),
  traceparent: formatTraceparent(context),
});

/**
 * The caller's position from a request's headers: `X-Amzn-Trace-Id` first (the ALB's, which may
 * hold only a Root), then `traceparent`; null to start a trace.
 */
export function incomingTrace(headers: Readonly<Record<string, string | string[] | undefined>>): TraceContext | null {
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  return parseAmznTraceHeader(header('x-amzn-trace-id')) ?? parseTraceparent(header('traceparent'));
}

export const newTraceRoot = (): string =>
  `1-${Math.floor(Date.now() / 1000).toString(16).padStart(8, '0')}-${randomBytes(12).toString('hex')}`;

export const newSpanId = (): string => randomBytes(8).toString('hex');
