import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { decodeTraceRequest, encodeRpcStatus, encodeTraceResponse } from './otlp-proto.ts';
import { readExport } from './otlp-span.ts';
import type { Span } from './span.ts';

/** What the receiver has taken in since it started. */
export interface OtlpCounts {
  otlpRequests: number;
  /** Requests refused whole: not an export, too large, of a type not spoken here. */
  otlpRefused: number;
  /** Spans refused one by one (a bad id, a time out of range); the rest of their export was kept. */
  otlpRejectedSpans: number;
}

// Exporters batch 512 spans by default; this leaves room for several batches per request.
const maxBodyBytes = 4 * 1024 * 1024;
const maxInflatedBytes = 16 * 1024 * 1024;
const inflate = promisify(gunzip);

class Refusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * OTLP/HTTP's trace endpoint, as a collector serves it: `POST /v1/traces` with an
 * ExportTraceServiceRequest in protobuf or JSON, gzip allowed; answered in the same encoding.
 * Each span reaches `onSpans` under its trace; malformed exports are refused with 400 and a
 * google.rpc.Status, and change nothing.
 */
export function createOtlpReceiver(onSpans: (traceId: string, spans: Span[]) => void, counts: OtlpCounts): Server {
  return createServer((request, response) => {
    counts.otlpRequests++;
    const json = /^application\/json\b/i.test(request.headers['content-type'] ?? '');
    receive(request, json).then(
      ({ traces, rejected, reason }) => {
        counts.otlpRejectedSpans += rejected;
        for (const [traceId, spans] of traces) onSpans(traceId, spans);
        const message = rejected > 0 ? `${rejected} spans rejected; the first: ${reason}` : '';
        answer(response, 200, json, json ? JSON.stringify(rejected > 0 ? { partialSuccess: { rejectedSpans: rejected, errorMessage: message } } : {}) : encodeTraceResponse(rejected, message));
      },
      (error: unknown) => {
        counts.otlpRefused++;
        const refusal = error instanceof Refusal ? error : new Refusal(400, 'unreadable request');
        if (refusal.status === 405) response.setHeader('allow', 'POST');
        // 3 is google.rpc's INVALID_ARGUMENT, for every refusal of this endpoint.
        answer(response, refusal.status, json, json ? JSON.stringify({ code: 3, message: refusal.message }) : encodeRpcStatus(3, refusal.message));
      },
    );
  });
}

async function receive(request: IncomingMessage, json: boolean) {
  if ((request.url ?? '').split('?')[0] !== '/v1/traces') throw new Refusal(404, 'only /v1/traces is served here');
  if (request.method !== 'POST') throw new Refusal(405, 'send exports with POST');
  const type = request.headers['content-type'] ?? '';
  if (!json && !/^application\/x-protobuf\b/i.test(type)) throw new Refusal(415, 'content-type must be application/x-protobuf or application/json');
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') throw new Refusal(415, 'content-encoding must be gzip or none');
  let body = await readBytes(request);
  if (encoding === 'gzip') {
    body = await inflate(body, { maxOutputLength: maxInflatedBytes }).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ERR_BUFFER_TOO_LARGE' ? new Refusal(413, `inflated body is larger than ${maxInflatedBytes} bytes`) : new Refusal(400, 'body is not gzip');
    });
  }
  let decoded: unknown;
  try {
    decoded = json ? JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) : decodeTraceRequest(body);
  } catch {
    throw new Refusal(400, json ? 'body is not UTF-8 JSON' : 'body is not an ExportTraceServiceRequest');
  }
  try {
    return readExport(decoded);
  } catch (error) {
    throw new Refusal(400, (error as Error).message);
  }
}

async function readBytes(request: IncomingMessage): Promise<Buffer> {
  const tooLarge = () => new Refusal(413, `body is larger than ${maxBodyBytes} bytes`);
  if (Number(request.headers['content-length']) > maxBodyBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function answer(response: ServerResponse, status: number, json: boolean, body: string | Uint8Array): void {
  response.writeHead(status, {
    'content-type': json ? 'application/json' : 'application/x-protobuf',
    'content-length': Buffer.byteLength(body),
    // A refused request may have left its body unread: the connection is not reused then.
    ...(status >= 400 ? { connection: 'close' } : {}),
  });
  response.end(body);
}
