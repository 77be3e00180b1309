import type { Logger } from '@tributary/service-kit';
import { settings } from '../config.ts';
import type { ResilienceOptions } from '../options.ts';
import { RetryBudget } from './retry-budget.ts';
import { createSubgraphAgent, subgraphFetcher } from './subgraph-fetcher.ts';
import type { SubgraphResilience } from './subgraph-data-source.ts';
import { createSubgraphPolicy, type SubgraphPolicy } from './subgraph-policy.ts';

export interface GatewayResilience {
  /** Everything a subgraph's data source needs; its breaker and budget outlive schema reloads. */
  forSubgraph(name: string): SubgraphResilience;
  close(): Promise<void>;
}

/** One keep-alive agent for every subgraph; a policy (breaker, retry budget) per subgraph. */
export function createResilience(options: ResilienceOptions, logger: Logger): GatewayResilience {
  const resolved = settings.withDefaults({ resilience: options }).resilience;
  const agent = createSubgraphAgent(resolved.idleSocketTimeoutMs);
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
      return { fetcher: subgraphFetcher(agent, timeoutMs), policy, logger };
    },
    close: () => agent.close(),
  };
}
