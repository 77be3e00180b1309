import { deduplicatedRequests } from '@tributary/service-kit';
import { InFlight } from '../dedup/dedup.ts';
import type { SubgraphAnswer } from './buffered-response.ts';

/** Per request, never part of what a subgraph answers: a shared call carries the first one's. */
const TRACE_HEADERS = new Set(['x-amzn-trace-id', 'traceparent', 'tracestate']);

/**
 * Only what the gateway plans as a query is shared: its body starts `{"query":"query …` or
 * `{"query":"{ …` (Apollo's data source writes the query first). Anything else, a mutation
 * above all, is always sent.
 */
const isQueryBody = (body: string) => /^\{"query":"(query\b|\{)/.test(body);

/**
 * Identical subgraph requests in flight at the same moment (same URL, body and headers, trace
 * headers aside) share one call: the others wait for its answer and each parses its own copy.
 */
export class SharedCalls {
  readonly #inFlight = new InFlight<SubgraphAnswer>();

  async run(url: string, headers: Record<string, string>, body: string, call: () => Promise<SubgraphAnswer>): Promise<{ answer: SubgraphAnswer; joined: boolean }> {
    if (!isQueryBody(body)) return { answer: await call(), joined: false };
    const forwarded = Object.entries(headers).filter(([name]) => !TRACE_HEADERS.has(name.toLowerCase()));
    const key = JSON.stringify([url, forwarded, body]);
    const { promise, shared } = this.#inFlight.run(key, call);
    deduplicatedRequests.inc({ layer: 'subgraph', outcome: shared ? 'shared' : 'executed' });
    return { answer: await promise, joined: shared };
  }
}
