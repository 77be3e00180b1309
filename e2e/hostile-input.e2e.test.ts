import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileRequests, type HostileRequest } from './support/hostile-requests.ts';
import { startTestStack } from './support/stack.ts';
import { post } from '../test-support/http.ts';

const COUNT = 10_240;
const CONCURRENCY = 16;
/** Stack frames, file paths, driver and SQL details: none may reach a client. */
const LEAK = /\n\s+at |\bat [\w.<>]+ \(|node_modules|\.ts:\d|\.js:\d|\bSELECT\b|\bINSERT INTO\b|relation "|at or near|ECONNREFUSED|stacktrace|\bpg\b|dynalite|DynamoDB/i;

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({
    // Production: introspection off and errors masked, as on the internet.
    NODE_ENV: 'production',
    // One client sends everything here: a bucket this size keeps the limiter in the path, never in the way.
    RATE_LIMIT_PER_SECOND: '1000000',
    RATE_LIMIT_BURST: '1000000',
  });
});
afterAll(() => stack?.[Symbol.asyncDispose]());

interface Outcome {
  kind: string;
  status: number;
  text: string;
  contentType: string;
}

async function send(base: string, request: HostileRequest): Promise<Outcome> {
  const url = request.path ? new URL(request.path, base).href : `${base}${request.search ?? ''}`;
  const response = await fetch(url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
  return { kind: request.kind, status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

/** What is wrong with an answer, if anything: a 5xx, a leak, or an error that is not clear. */
function problem({ status, text, contentType }: Outcome): string | undefined {
  if (status >= 500) return `status ${status}`;
  if (LEAK.test(text)) return `leak: ${LEAK.exec(text)![0]}`;
  if (!contentType.includes('json')) return status >= 400 || text === '' ? undefined : 'a 2xx answer that is not JSON';
  const body = JSON.parse(text) as unknown;
  for (const result of Array.isArray(body) ? body : [body]) {
    const { data, errors } = (result ?? {}) as { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
    if (errors === undefined && data !== undefined) continue;
    if (!errors?.length) return 'neither data nor errors';
    for (const error of errors) {
      if (typeof error.message !== 'string' || typeof error.extensions?.code !== 'string') return `an error without message or code: ${JSON.stringify(error)}`;
      if (error.extensions.code === 'INTERNAL_SERVER_ERROR') return 'an internal error';
    }
  }
  return undefined;
}

describe('hostile input, against the whole graph in production mode', () => {
  it(`answers ${COUNT} generated hostile requests without a 5xx, a crash or a leak`, { timeout: 240_000 }, async () => {
    const requests = hostileRequests(20_260_101, COUNT);
    // Most go to the gateway; every tenth goes straight to a subgraph, whose front is the same.
    const targets = [stack.gatewayUrl, ...Object.values(stack.subgraphUrls)];
    const failures: string[] = [];
    const byKind = new Map<string, Map<number, number>>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const index = next++;
          const target = index % 10 === 9 ? targets[1 + (index % 4)]! : stack.gatewayUrl;
          const outcome = await send(target, requests[index]!);
          const statuses = byKind.get(outcome.kind) ?? new Map<number, number>();
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
          byKind.set(outcome.kind, statuses);
          const found = problem(outcome);
          if (found) failures.push(`#${index} ${outcome.kind} → ${found}: ${outcome.text.slice(0, 300)}`);
        }
      }),
    );
    console.info([...byKind].map(([kind, statuses]) => `${kind}: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`).join('\n'));
    expect(failures.slice(0, 20)).toEqual([]);

    for (const url of targets) expect((await fetch(url.replace('/graphql', '/health'))).status, url).toBe(200);
    const { status, body } = await post(stack.gatewayUrl, '{ topProducts(first: 1) { name reviews(first: 1) { author { name } } } }');
    expect(status).toBe(200);
    expect(body.data.topProducts).toHaveLength(1);
  });
});
