import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget.ts';

describe('RetryBudget', () => {
  it('allows retries up to the ratio of the window’s requests, never below the floor', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.1, windowMs: 10_000, minPerWindow: 2, now: () => now });
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry()]).toEqual([true, true, false]);
    for (let i = 0; i < 50; i += 1) budget.recordRequest();
    // 50 requests: 5 retries in the window, 2 of them already taken.
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry(), budget.tryRetry()]).toEqual([true, true, true, false]);
    now = 5_000;
    expect(budget.tryRetry()).toBe(false);
  });

  it('forgets requests and retries once they leave the window', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.1, windowMs: 10_000, minPerWindow: 1, now: () => now });
    for (let i = 0; i < 100; i += 1) budget.recordRequest();
    for (let i = 0; i < 10; i += 1) expect(budget.tryRetry()).toBe(true);
    expect(budget.tryRetry()).toBe(false);
    now = 10_500;
    // The 100 requests have left the window with their retries: back to the floor of one.
    expect([budget.tryRetry(), budget.tryRetry()]).toEqual([true, false]);
    now = 60_000;
    expect(budget.tryRetry()).toBe(true);
  });
});
