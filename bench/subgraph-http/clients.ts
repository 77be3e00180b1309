import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent, Pool, fetch } from 'undici';

/** One way to POST a JSON body to a subgraph and read its answer as text, with a timeout. */
export interface Candidate {
  name: string;
  post(body: string, headers: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

const TIMEOUT_MS = 5_000;

/** What the gateway uses today: undici's WHATWG fetch over a keep-alive Agent. */
export function undiciFetch(origin: string): Candidate {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  return {
    name: 'undici fetch',
    post: async (body, headers) => {
      const response = await fetch(`${origin}/graphql`, { method: 'POST', body, headers, dispatcher: agent, signal: AbortSignal.timeout(TIMEOUT_MS) });
      return response.text();
    },
    close: () => agent.close(),
  };
}

/** undici's Pool.request: a Node stream body, no WHATWG Request or Response. */
export function undiciPoolRequest(origin: string): Candidate {
  const pool = new Pool(origin, { keepAliveTimeout: 30_000 });
  return {
    name: 'undici Pool.request',
    post: async (body, headers) => {
      const response = await pool.request({ path: '/graphql', method: 'POST', body, headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
      return response.body.text();
    },
    close: () => pool.close(),
  };
}

/**
 * undici's Pool.dispatch with a handler of its own (the controller API of undici 7): the chunks
 * as they arrive, no stream at all; the timeout a timer that aborts through the controller.
 */
export function undiciPoolDispatch(origin: string): Candidate {
  const pool = new Pool(origin, { keepAliveTimeout: 30_000 });
  return {
    name: 'undici Pool.dispatch',
    post: (body, headers) =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let abort: ((reason: Error) => void) | undefined;
        const timer = setTimeout(() => abort?.(new Error('timed out')), TIMEOUT_MS);
        pool.dispatch(
          { path: '/graphql', method: 'POST', body, headers },
          {
            onRequestStart(controller) {
              abort = (reason) => controller.abort(reason);
            },
            onResponseStart() {},
            onResponseData(_controller, chunk) {
              chunks.push(chunk);
            },
            onResponseEnd() {
              clearTimeout(timer);
              resolve(Buffer.concat(chunks).toString('utf8'));
            },
            onResponseError(_controller, error) {
              clearTimeout(timer);
              reject(error);
            },
          },
        );
      }),
    close: () => pool.close(),
  };
}

/** Node's own http.request over a keep-alive Agent. */
export function nodeHttp(origin: string): Candidate {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: Infinity });
  const url = new URL(origin);
  return {
    name: 'node:http keep-alive',
    post: (body, headers) =>
      new Promise((resolve, reject) => {
        const req = httpRequest(
          { host: url.hostname, port: url.port, path: '/graphql', method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, signal: AbortSignal.timeout(TIMEOUT_MS) },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    close: async () => agent.destroy(),
  };
}

export const candidates = [undiciFetch, undiciPoolRequest, undiciPoolDispatch, nodeHttp];
