import {
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
} from 'cockatiel';
import type { Logger } from '@tributary/service-kit';
import type { RetryBudget } from './retry-budget.ts';
import { failureReason, isRetryable } from './subgraph-failure.ts';

export interface SubgraphPolicyOptions {
  subgraph: string;
  /** Retries of an idempotent call after a retryable failure. */
  maxRetries: number;
  /** First backoff delay; later ones grow exponentially, with jitter, up to a second. */
  retryDelayMs: number;
  /** Shared by the subgraph's calls: retries stay a fraction of its requests. */
  budget: RetryBudget;
  /** Consecutive failures that open the circuit. */
  breakerFailures: number;
  /** How long the circuit stays open before one probe call may go through (half-open). */
  halfOpenAfterMs: number;
  logger: Logger;
}

export interface SubgraphPolicy {
  /**
   * Runs one call to the subgraph: fails fast while its circuit is open; retries idempotent
   * calls (queries, never mutations) with backoff, jitter and the retry budget.
   */
  run<T>(idempotent: boolean, call: () => Promise<T>): Promise<T>;
}

const STATE_NAMES: Record<CircuitState, string> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

const MAX_RETRY_DELAY_MS = 1_000;

/** The circuit breaker and retry policy of one subgraph (cockatiel). */
export function createSubgraphPolicy(options: SubgraphPolicyOptions): SubgraphPolicy {
  const { subgraph, budget, logger } = options;
  const breaker = circuitBreaker(
    handleWhen((error) => {
      const reason = failureReason(error);
      return reason !== undefined && reason !== 'circuit open';
    }),
    { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerFailures) },
  );
  breaker.onStateChange((state) => logger.warn({ subgraph, circuit: STATE_NAMES[state] }, `circuit of ${subgraph} ${STATE_NAMES[state]}`));

  // Each attempt goes through the breaker, so an open circuit also stops the retries.
  const idempotentPolicy =
    options.maxRetries > 0
      ? wrap(
          retry(handleWhen((error) => isRetryable(failureReason(error)) && budget.tryRetry()), {
            maxAttempts: options.maxRetries,
            // Exponential with decorrelated jitter (cockatiel's default generator).
            backoff: new ExponentialBackoff({ initialDelay: options.retryDelayMs, maxDelay: MAX_RETRY_DELAY_MS }),
          }),
          breaker,
        )
      : breaker;
  return {
    run(idempotent, call) {
      budget.recordRequest();
      return (idempotent ? idempotentPolicy : breaker).execute(call);
    },
  };
}
