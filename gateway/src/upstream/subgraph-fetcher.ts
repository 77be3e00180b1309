import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, type Dispatcher } from 'undici';
import { BufferedResponse, type SubgraphAnswer } from './buffered-response.ts';
import type { SharedCalls } from './shared-calls.ts';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherInit = NonNullable<Parameters<Fetcher>[1]>;

/**
 * Keep-alive connections to the subgraphs. An idle socket is closed by us after
 * `idleSocketTimeoutMs`, before the subgraph would close it (service-kit keeps them 65 s), so a
 * request never goes out on a socket the other end is closing: the `socket hang up` trap. The
 * cap also overrides longer `Keep-Alive: timeout=` hints from subgraphs or proxies.
 */
export function createSubgraphAgent(idleSocketTimeoutMs: number): Agent {
  return new Agent({ keepAliveTimeout: idleSocketTimeoutMs, keepAliveMaxTimeout: idleSocketTimeoutMs });
}

/** Named as `AbortSignal.timeout` names its reason, which is how a failure is told to be a timeout. */
const timedOut = () => Object.assign(new Error('The subgraph did not answer in time'), { name: 'TimeoutError' });

/**
 * One request through undici's dispatcher with a handler of our own: the answer's chunks are
 * kept as they arrive, with no WHATWG Request, Response or stream in between (measured by
 * `bench/subgraph-http`: a sixth of `fetch`'s CPU per request). It aborts after `timeoutMs`,
 * body included.
 */
export function dispatchRequest(agent: Dispatcher, url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SubgraphAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const answer: SubgraphAnswer = { status: 0, statusText: '', headers: {}, body: '' };
    let abort: ((reason: Error) => void) | undefined;
    let expired: Error | undefined;
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    // Still queued for a connection when time is up: it fails now, and is aborted once it starts.
    const timer = setTimeout(() => {
      expired = timedOut();
      if (abort) abort(expired);
      else reject(expired);
    }, timeoutMs);
    agent.dispatch(
      { origin: url.origin, path: url.pathname + url.search, method: 'POST', headers, body },
      {
        onRequestStart(controller) {
          if (expired) return controller.abort(expired);
          abort = (reason) => controller.abort(reason);
        },
        onResponseStart(_controller, status, responseHeaders, statusText) {
          answer.status = status;
          answer.statusText = statusText ?? '';
          for (const [name, value] of Object.entries(responseHeaders)) {
            if (value !== undefined) answer.headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          clearTimeout(timer);
          answer.body = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
          resolve(answer);
        },
        onResponseError(_controller, error) {
          fail(error);
        },
      },
    );
  });
}

/**
 * A fetcher for one subgraph's data source: each call aborts after `timeoutMs`, body included.
 * With `shared`, an identical query request already in flight is joined instead of sent again.
 */
export function subgraphFetcher(agent: Dispatcher, timeoutMs: number, shared?: SharedCalls): Fetcher {
  const fetcher = async (url: string, init?: FetcherInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = typeof init?.body === 'string' ? init.body : '';
    const call = () => dispatchRequest(agent, new URL(url), headers, body, timeoutMs);
    const { answer, joined } = shared ? await shared.run(url, headers, body, call) : { answer: await call(), joined: false };
    return new BufferedResponse(url, answer, joined);
  };
  return fetcher as unknown as Fetcher;
}
