import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../test-support/logger.ts';
import { RetryBudget } from './retry-budget.ts';
import { failureReason } from './subgraph-failure.ts';
import { createSubgraphPolicy } from './subgraph-policy.ts';

const refused = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
const timedOut = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');
const http = (status: number) => Object.assign(new Error(`${status}`), { extensions: { response: { status } } });

const policy = (overrides: Partial<Parameters<typeof createSubgraphPolicy>[0]> = {}) =>
  createSubgraphPolicy({
    subgraph: 'inventory',
    maxRetries: 2,
    retryDelayMs: 1,
    budget: new RetryBudget({ ratio: 1, minPerWindow: 100 }),
    breakerFailures: 100,
    halfOpenAfterMs: 50,
    logger: silentLogger,
    ...overrides,
  });

/** A call that fails with the given errors in turn, then answers "ok". */
const calls = (...errors: Error[]) => {
  const made = { count: 0 };
  const call = async () => {
    const error = errors[made.count];
    made.count += 1;
    if (error) throw error;
    return 'ok';
  };
  return { made, call };
};

describe('subgraph policy', () => {
  it('retries a query after a refused connection or a 503, up to maxRetries', async () => {
    const { made, call } = calls(refused(), http(503));
    await expect(policy().run(true, call)).resolves.toBe('ok');
    expect(made.count).toBe(3);
    const failing = calls(refused(), refused(), refused(), refused());
    await expect(policy().run(true, failing.call)).rejects.toThrow('fetch failed');
    expect(failing.made.count).toBe(3);
  });

  it('never retries a mutation, a timeout, a 500 or a 400', async () => {
    for (const [idempotent, error] of [[false, refused()], [true, timedOut()], [true, http(500)], [true, http(400)]] as const) {
      const { made, call } = calls(error);
      await expect(policy().run(idempotent, call)).rejects.toBe(error);
      expect(made.count).toBe(1);
    }
  });

  it('retries no more than the budget allows', async () => {
    const limited = policy({ budget: new RetryBudget({ ratio: 0, minPerWindow: 1 }) });
    const first = calls(refused(), refused(), refused());
    await expect(limited.run(true, first.call)).rejects.toThrow();
    expect(first.made.count).toBe(2);
    const second = calls(refused(), refused());
    await expect(limited.run(true, second.call)).rejects.toThrow();
    expect(second.made.count).toBe(1);
  });

  it('opens after consecutive failures, fails fast, probes once half-open and closes on success', async () => {
    const breaking = policy({ breakerFailures: 3, maxRetries: 0 });
    const failing = calls(timedOut(), timedOut(), timedOut());
    for (let i = 0; i < 3; i += 1) await expect(breaking.run(true, failing.call)).rejects.toThrow();
    const blocked = calls();
    const error = await breaking.run(true, blocked.call).catch((e: unknown) => e);
    expect(failureReason(error)).toBe('circuit open');
    expect(blocked.made.count).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 60));
    const probe = calls();
    await expect(breaking.run(true, probe.call)).resolves.toBe('ok');
    await expect(breaking.run(false, probe.call)).resolves.toBe('ok');
    expect(probe.made.count).toBe(2);
  });

  it('does not count a client error (HTTP 400) against the circuit', async () => {
    const breaking = policy({ breakerFailures: 1, maxRetries: 0 });
    await expect(breaking.run(true, calls(http(400)).call)).rejects.toThrow();
    await expect(breaking.run(true, calls().call)).resolves.toBe('ok');
  });
});
