import type { Logger } from '@tributary/service-kit';
import { settings } from '../config.ts';
import { RetryBudget } from './retry-budget.ts';
import { SharedCalls } from './shared-calls.ts';
import { createSubgraphAgent, subgraphFetcher } from './subgraph-fetcher.ts';
import type { SubgraphResilience } from './subgraph-data-source.ts';
import { createSubgraphPolicy, type SubgraphPolicy } from './subgraph-policy.ts';

/** How the gateway survives slow, failing and restarting subgraphs. */
export interface ResilienceOptions {
  /**
   * Milliseconds a subgraph fetch may take, response body included, before it fails with
   * `SUBGRAPH_UNAVAILABLE` (reason `timed out`). CLI: `SUBGRAPH_TIMEOUT_MS`.
   * @default 5000
   */
  timeoutMs?: number;
  /**
   * Per-subgraph timeouts, by subgraph name, overriding `timeoutMs`.
   * CLI: `SUBGRAPH_<NAME>_TIMEOUT_MS`, e.g. `SUBGRAPH_BOOKS_TIMEOUT_MS`.
   * @default {}
   */
  subgraphTimeoutsMs?: Record<string, number>;
  /**
   * Retries of a query fetch whose connection failed or that got HTTP 502/503/504. Mutations are
   * never retried, nor are timeouts. CLI: `SUBGRAPH_MAX_RETRIES`.
   * @default 2
   */
  maxRetries?: number;
  /**
   * Backoff before the first retry; each next one grows exponentially with jitter, up to 1 s.
   * CLI: `SUBGRAPH_RETRY_DELAY_MS`.
   * @default 50
   */
  retryDelayMs?: number;
  /**
   * Retries per subgraph stay below this fraction of its requests over 10 s (3 retries per 10 s
   * are always allowed), so retries cannot multiply the load on a failing subgraph.
   * CLI: `SUBGRAPH_RETRY_BUDGET_RATIO`.
   * @default 0.1
   */
  retryBudgetRatio?: number;
  /**
   * Consecutive failures (timeouts, refused or reset connections, HTTP 5xx) that open a
   * subgraph's circuit: its fields then fail at once, without a call. CLI: `CIRCUIT_BREAKER_FAILURES`.
   * @default 5
   */
  breakerFailures?: number;
  /**
   * How long a circuit stays open before one probe call goes through (half-open); its success
   * closes the circuit, its failure opens it again. CLI: `CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS`.
   * @default 10000
   */
  halfOpenAfterMs?: number;
  /**
   * Idle keep-alive sockets to subgraphs are closed after this many milliseconds. Keep it below
   * the subgraphs' keep-alive timeout (65 s in service-kit, 60 s on an AWS ALB), or a request
   * may go out on a socket the subgraph is closing (`socket hang up`).
   * CLI: `SUBGRAPH_KEEPALIVE_IDLE_MS`.
   * @default 30000
   */
  idleSocketTimeoutMs?: number;
}

export interface GatewayResilience {
  /** Everything a subgraph's data source needs; its breaker and budget outlive schema reloads. */
  forSubgraph(name: string): SubgraphResilience;
  close(): Promise<void>;
}

/**
 * One keep-alive agent for every subgraph; a policy (breaker, retry budget) per subgraph. With
 * `shareCalls`, identical query requests in flight to a subgraph share one call.
 */
export function createResilience(options: ResilienceOptions, logger: Logger, shareCalls = false): GatewayResilience {
  const resolved = settings.withDefaults({ resilience: options }).resilience;
  const agent = createSubgraphAgent(resolved.idleSocketTimeoutMs);
  const shared = shareCalls ? new SharedCalls() : undefined;
  const policies = new Map<string, SubgraphPolicy>();
  return {
    forSubgraph(name) {
      let policy = policies.get(name);
      if (!policy) {
        policy = createSubgraphPolicy({
          subgraph: name,
          maxRetries: resolved.maxRetries,
          retryDelayMs: resolved.retryDelayMs,
          budget: new RetryBudget({ ratio: resolved.retryBudgetRatio }),
          breakerFailures: resolved.breakerFailures,
          halfOpenAfterMs: resolved.halfOpenAfterMs,
          logger,
        });
        policies.set(name, policy);
      }
      const timeoutMs = resolved.subgraphTimeoutsMs[name] ?? resolved.timeoutMs;
      return { fetcher: subgraphFetcher(agent, timeoutMs, shared), policy, logger };
    },
    close: () => agent.close(),
  };
}
