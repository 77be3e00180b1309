import type { IncomingMessage } from 'node:http';

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  /** Sent with the answer, e.g. `WWW-Authenticate` on a 401. */
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, code: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Reads a request body up to `limit` bytes; larger bodies get 413 without being buffered. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, `Request body is larger than ${limit} bytes`, 'PAYLOAD_TOO_LARGE');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new HttpError(413, `Request body is larger than ${limit} bytes`, 'PAYLOAD_TOO_LARGE');
    }
    chunks.push(chunk as Buffer);
  }
  const buffer = Buffer.concat(chunks);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new HttpError(400, 'Request body is not valid UTF-8', 'BAD_REQUEST');
  }
}

/** Parses a JSON body, answering 400 with a clear message when it is not JSON. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON', 'BAD_REQUEST');
  }
}
