import { bearer, post, type GraphQLResponse } from '../../test-support/http.ts';

const ADD_REVIEW = 'mutation($input: AddReviewInput!) { addReview(input: $input) { id } }';
/** What a client retries: the graph saying a part of it is down for now, or no answer at all. */
const RETRYABLE = new Set(['STORE_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'RATE_LIMITED']);

export interface Write {
  key: string;
  /** The review id of the acknowledgement; undefined when the write was given up. */
  id?: string;
  /** When the acknowledgement came (performance.now()). */
  ackedAt?: number;
  attempts: number;
  /** A non-retryable answer, which ends the write unacknowledged. */
  refused?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * addReview as a careful client sends it: one idempotency key per write, the same on every retry,
 * retried with capped exponential backoff and jitter while the answer is retryable (or there is
 * none), until acknowledged or `deadlineMs` after the first attempt.
 */
export async function addReviewWithRetries(
  gatewayUrl: string,
  token: string,
  key: string,
  productUpc: string,
  deadlineMs = 30_000,
): Promise<Write> {
  const write: Write = { key, attempts: 0 };
  const input = { productUpc, body: `Fault write ${key}`, rating: 4, idempotencyKey: key };
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    write.attempts += 1;
    const answer: Pick<GraphQLResponse, 'status' | 'body'> = await post(gatewayUrl, ADD_REVIEW, { input }, bearer(token)).catch(() => ({ status: 0, body: {} }));
    const id = answer.body.data?.addReview?.id as string | undefined;
    if (answer.status === 200 && id && !answer.body.errors) return { ...write, id, ackedAt: performance.now() };
    const codes = (answer.body.errors ?? []).map((e) => String(e.extensions?.code));
    const retryable = answer.status === 0 || answer.status >= 500 || (codes.length > 0 && codes.every((code) => RETRYABLE.has(code)));
    if (!retryable) return { ...write, refused: `HTTP ${answer.status} ${JSON.stringify(answer.body.errors ?? answer.body)}` };
    await sleep(Math.min(1_000, 50 * 2 ** write.attempts) * (0.5 + Math.random() / 2));
  }
  return write;
}
