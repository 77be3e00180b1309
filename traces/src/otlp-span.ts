import { otlpRequestSchema, otlpSpanSchema, type AttributeValue, type OtlpSpan } from './otlp-request.ts';
import { clip, clipOptional, definedOnly, maxAnnotations, type Span } from './span.ts';

const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;
// Epoch milliseconds before the year 2286, as for X-Ray documents: later sums stay finite.
const maxEpochMs = 1e13;
const sqlSystems = new Set(['db2', 'derby', 'hive', 'mariadb', 'mssql', 'mysql', 'oracle', 'postgresql', 'sqlite', 'teradata', 'other_sql']);

/** What one export holds: spans by trace (X-Ray trace ids), and what was refused. */
export interface ReceivedSpans {
  traces: Map<string, Span[]>;
  rejected: number;
  /** Why the first refused span was refused. */
  reason?: string;
}

/** The trace id as the viewer keys traces: X-Ray's `1-<8 hex>-<24 hex>` over OTLP's 32 hex digits. */
export const xrayTraceId = (traceId: string): string => `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`.toLowerCase();

/** Every span of an export (OTLP/JSON shape), in the waterfall model X-Ray segments flatten to. */
export function readExport(body: unknown): ReceivedSpans {
  const envelope = otlpRequestSchema.safeParse(body);
  if (!envelope.success) throw new Error(`not an OTLP trace export: ${envelope.error.issues[0]?.message ?? 'invalid'}`);
  const received: ReceivedSpans = { traces: new Map(), rejected: 0 };
  for (const resource of envelope.data.resourceSpans ?? []) {
    const serviceName = resource.resource?.attributes.get('service.name');
    for (const scope of resource.scopeSpans ?? []) {
      for (const item of scope.spans ?? []) {
        const parsed = otlpSpanSchema.safeParse(item);
        const span = parsed.success ? toSpan(parsed.data, typeof serviceName === 'string' ? serviceName : undefined) : undefined;
        if (!span) {
          received.rejected++;
          const issue = parsed.error?.issues[0];
          received.reason ??= issue ? `${issue.path.join('.')}: ${issue.message}` : 'startTimeUnixNano: out of range';
          continue;
        }
        const traceId = xrayTraceId(parsed.data!.traceId);
        const spans = received.traces.get(traceId) ?? [];
        spans.push(span);
        received.traces.set(traceId, spans);
      }
    }
  }
  return received;
}

/**
 * One span as the viewer shows X-Ray's: a server span or a local root is a segment (named for
 * its service), others subsegments. Flags follow the ADOT collector's X-Ray exporter: an HTTP 4xx
 * is an error (429 also a throttle), an HTTP 5xx or an Error status otherwise a fault. One
 * addition: `error.type` on a span without Error status (a client's mistake inside a 200, as the
 * service kit records it) is an error, as the X-Ray SDK would flag it.
 */
function toSpan(otlp: OtlpSpan, serviceName: string | undefined): Span | undefined {
  const startMs = otlp.startTimeUnixNano / 1e6;
  if (startMs <= 0 || startMs > maxEpochMs) return undefined;
  const endMs = otlp.endTimeUnixNano === undefined ? undefined : otlp.endTimeUnixNano / 1e6;
  const attributes = otlp.attributes;
  const text = (key: string) => (typeof attributes.get(key) === 'string' ? (attributes.get(key) as string) : undefined);
  const parentId = otlp.parentSpanId ? otlp.parentSpanId.toLowerCase() : undefined;
  const kind = otlp.kind !== SERVER && parentId !== undefined ? 'subsegment' : 'segment';
  const status = Number(attributes.get('http.response.status_code') ?? attributes.get('http.status_code'));
  const clientStatus = status >= 400 && status <= 499;
  const fault = (status >= 500 && status <= 599) || (!clientStatus && otlp.status?.code === STATUS_ERROR);
  const span: Span = {
    id: otlp.spanId.toLowerCase(),
    kind,
    name: clip(kind === 'segment' ? (serviceName ?? otlp.name) : otlp.name),
    startMs,
    inProgress: endMs === undefined || endMs > maxEpochMs,
    error: clientStatus || (!fault && attributes.has('error.type')),
    fault,
    throttle: status === 429,
    annotations: annotations(attributes),
  };
  if (parentId !== undefined) span.parentId = parentId;
  if (!span.inProgress) span.endMs = Math.max(endMs!, startMs);
  const namespace = text('rpc.system') === 'aws-api' ? 'aws' : otlp.kind === CLIENT ? 'remote' : undefined;
  if (namespace) span.namespace = namespace;
  const http = definedOnly({
    method: clipOptional(text('http.request.method') ?? text('http.method')),
    url: clipOptional(text('url.full') ?? text('http.url') ?? text('url.path') ?? text('http.target')),
    status: Number.isInteger(status) ? status : undefined,
  });
  if (Object.keys(http).length > 0) span.http = http;
  if (sqlSystems.has(text('db.system') ?? '')) {
    span.sql = definedOnly({ url: clipOptional(text('db.connection_string')), query: clipOptional(text('db.statement') ?? text('db.query.text')) });
  }
  if (namespace === 'aws') {
    const tables = attributes.get('aws.dynamodb.table_names');
    const table = text('aws.table_name') ?? (Array.isArray(tables) ? tables.join(', ') : undefined);
    span.aws = definedOnly({ operation: clipOptional(text('aws.operation') ?? text('rpc.method')), table: clipOptional(table) });
  }
  const exception = otlp.events?.find((event) => event?.name === 'exception')?.attributes.get('exception.message');
  const message = typeof exception === 'string' ? exception : otlp.status?.message || undefined;
  if ((span.fault || span.error) && message !== undefined) span.errorMessage = clip(message);
  return span;
}

/** The attributes a span names in `aws.xray.annotations`: what X-Ray indexes as annotations. */
function annotations(attributes: Map<string, AttributeValue>): Span['annotations'] {
  const keys = attributes.get('aws.xray.annotations');
  const result: Span['annotations'] = {};
  for (const key of (Array.isArray(keys) ? keys : []).slice(0, maxAnnotations)) {
    const value = typeof key === 'string' ? attributes.get(key) : undefined;
    if (value === undefined || Array.isArray(value)) continue;
    result[clip(key as string)] = typeof value === 'string' ? clip(value) : value;
  }
  return result;
}
