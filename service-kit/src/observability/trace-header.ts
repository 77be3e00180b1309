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

/**
 * Parses `X-Amzn-Trace-Id` as the ALB sends it (`Root=1-…;Parent=…;Sampled=1`). Anything
 * malformed yields null: the caller then starts a new trace; nothing is ever echoed raw.
 */
export function parseAmznTraceHeader(value: string | undefined): TraceContext | null {
  if (!value || value.length > 256) return null;
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const [key, field, ...rest] = part.trim().split('=');
    if (key && field !== undefined && rest.length === 0) fields.set(key, field);
  }
  const root = fields.get('Root')?.toLowerCase();
  if (!root || !ROOT.test(root)) return null;
  const parent = fields.get('Parent')?.toLowerCase();
  const sampled = fields.get('Sampled');
  return {
    root,
    ...(parent && SPAN_ID.test(parent) ? { parent } : {}),
    ...(sampled === '1' ? { sampled: true } : sampled === '0' ? { sampled: false } : {}),
  };
}

/** Maps a W3C `traceparent` from a browser onto the same X-Ray trace (as the X-Ray propagator does). */
export function parseTraceparent(value: string | undefined): TraceContext | null {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value?.trim().toLowerCase() ?? '');
  if (!match || /^0+$/.test(match[1]!) || /^0+$/.test(match[2]!)) return null;
  const trace = match[1]!;
  return {
    root: `1-${trace.slice(0, 8)}-${trace.slice(8)}`,
    parent: match[2]!,
    sampled: (Number.parseInt(match[3]!, 16) & 1) === 1,
  };
}

export function formatTraceHeader({ root, parent, sampled }: TraceContext): string {
  return [`Root=${root}`, parent ? `Parent=${parent}` : '', sampled === undefined ? '' : `Sampled=${sampled ? 1 : 0}`]
    .filter(Boolean)
    .join(';');
}

export const newTraceRoot = (): string =>
  `1-${Math.floor(Date.now() / 1000).toString(16).padStart(8, '0')}-${randomBytes(12).toString('hex')}`;

export const newSpanId = (): string => randomBytes(8).toString('hex');
