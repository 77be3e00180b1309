import { post, type GraphQLResponse } from '../../test-support/http.ts';

export interface Outcome {
  status: number;
  ms: number;
  body: GraphQLResponse['body'];
}

/** Sends `query` from `concurrency` clients in a loop until stopped; every outcome is kept. */
export function startLoad(url: string, query: string, concurrency = 4) {
  const outcomes: Outcome[] = [];
  let running = true;
  const client = async () => {
    while (running) {
      const started = performance.now();
      // A refused or reset connection is an outcome too (status 0), for the test to judge.
      const { status, body } = await post(url, query).catch(() => ({ status: 0, body: {} }));
      outcomes.push({ status, body, ms: performance.now() - started });
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    outcomes,
    async stop(): Promise<Outcome[]> {
      running = false;
      await Promise.all(clients);
      return outcomes;
    },
  };
}

/**
 * Milliseconds until `query` gets an answer `healthy` accepts, asking every 50 ms: the recovery
 * time once a fault has ended. Rejects after `timeoutMs`.
 */
export async function timeToRecover(
  url: string,
  query: string,
  healthy: (body: GraphQLResponse['body']) => boolean,
  timeoutMs = 30_000,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const { body } = await post(url, query);
    if (healthy(body)) return Math.round(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no recovery within ${timeoutMs} ms`);
}
