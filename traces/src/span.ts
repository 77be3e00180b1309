import type { SegmentDocument, SubsegmentDocument } from './segment-document.ts';

/** One segment or subsegment of a trace, flattened out of its document, times in epoch ms. */
export interface Span {
  id: string;
  /** The span this one ran under: the containing (sub)segment, or the caller's subsegment for a segment. */
  parentId?: string;
  /** Segments are services; subsegments are work inside one (a fetch, a query, a cache call). */
  kind: 'segment' | 'subsegment';
  name: string;
  /** `remote` (an HTTP call, a database) or `aws` (an AWS SDK call), as the SDK sets it. */
  namespace?: string;
  startMs: number;
  endMs?: number;
  inProgress: boolean;
  error: boolean;
  fault: boolean;
  throttle: boolean;
  http?: { method?: string; url?: string; status?: number };
  annotations: Record<string, string | number | boolean>;
  sql?: { url?: string; query?: string };
  aws?: { operation?: string; table?: string };
  errorMessage?: string;
}

// Spans are kept in memory for the latest traces, and every text in them is untrusted: keep them short.
const maxText = 300;
export const maxAnnotations = 20;

/** Every span of one document: the (sub)segment it sends and all subsegments nested in it. */
export function flattenDocument(document: SegmentDocument): Span[] {
  const spans: Span[] = [];
  const kind = document.type === 'subsegment' ? 'subsegment' : 'segment';
  const pending: [SubsegmentDocument, Span['kind'], string | undefined][] = [[document, kind, document.parent_id]];
  while (pending.length > 0) {
    const [item, itemKind, parentId] = pending.pop()!;
    spans.push(toSpan(item, itemKind, parentId));
    for (const child of item.subsegments ?? []) pending.push([child, 'subsegment', item.id]);
  }
  return spans;
}

function toSpan(document: SubsegmentDocument, kind: Span['kind'], parentId: string | undefined): Span {
  const endMs = document.end_time !== undefined && !document.in_progress ? document.end_time * 1000 : undefined;
  const span: Span = {
    id: document.id.toLowerCase(),
    kind,
    name: clip(document.name),
    startMs: document.start_time * 1000,
    inProgress: endMs === undefined,
    error: document.error === true,
    fault: document.fault === true,
    throttle: document.throttle === true,
    annotations: Object.fromEntries(
      Object.entries(document.annotations ?? {})
        .slice(0, maxAnnotations)
        .map(([key, value]) => [clip(key), typeof value === 'string' ? clip(value) : value]),
    ),
  };
  if (parentId !== undefined) span.parentId = parentId.toLowerCase();
  if (endMs !== undefined) span.endMs = Math.max(endMs, span.startMs);
  if (document.namespace !== undefined) span.namespace = clip(document.namespace);
  const { request, response } = document.http ?? {};
  if (request || response) {
    span.http = definedOnly({ method: clipOptional(request?.method), url: clipOptional(request?.url), status: response?.status });
  }
  if (document.sql) span.sql = definedOnly({ url: clipOptional(document.sql.url), query: clipOptional(document.sql.sanitized_query) });
  if (document.aws) {
    const table = document.aws.table_name ?? document.aws.table_names?.join(', ');
    span.aws = definedOnly({ operation: clipOptional(document.aws.operation), table: clipOptional(table) });
  }
  const message = document.cause?.exceptions?.find((exception) => exception.message)?.message;
  if (message !== undefined) span.errorMessage = clip(message);
  return span;
}

export const clip = (text: string): string => (text.length > maxText ? `${text.slice(0, maxText - 1)}…` : text);
export const clipOptional = (text: string | undefined): string | undefined => (text === undefined ? undefined : clip(text));

export function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
