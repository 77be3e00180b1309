import type { Logger } from '@tributary/service-kit';
import type { ResilienceOptions } from '../options.ts';
import { RetryBudget } from './retry-budget.ts';
import { createSubgraphAgent, subgraphFetcher } from './subgraph-fetcher.ts';
import type { SubgraphResilience } from './subgraph-data-source.ts';
import { createSubgraphPolicy, type SubgraphPolicy } from './subgraph-policy.ts';

/** The defaults of `ResilienceOptions`, as documented there. */
export const resilienceDefaults = {
  timeoutMs: 5_000,
  maxRetries: 2,
  retryDelayMs: 50,
  retryBudgetRatio: 0.1,
  breakerFailures: 5,
  halfOpenAfterMs: 10_000,
  idleSocketTimeoutMs: 30_000,
} as const;

export interface GatewayResilience {
  /** Everything a subgraph's data source needs; its breaker and budget outlive schema reloads. */
  forSubgraph(name: string): SubgraphResilience;
  close(): Promise<void>;
}

/** One keep-alive agent for every subgraph; a policy (breaker, retry budget) per subgraph. */
export function createResilience(options: ResilienceOptions, logger: Logger): GatewayResilience {
  const settings = { ...resilienceDefaults, ...options };
  const agent = createSubgraphAgent(settings.idleSocketTimeoutMs);
  const policies = new Map<string, SubgraphPolicy>();
  return {
    forSubgraph(name) {
      let policy = policies.get(name);
      if (!policy) {
        policy = createSubgraphPolicy({
          subgraph: name,
          maxRetries: settings.maxRetries,
          retryDelayMs: settings.retryDelayMs,
          budget: new RetryBudget({ ratio: settings.retryBudgetRatio }),
          breakerFailures: settings.breakerFailures,
          halfOpenAfterMs: settings.halfOpenAfterMs,
          logger,
        });
        policies.set(name, policy);
      }
      const timeoutMs = settings.subgraphTimeoutsMs?.[name] ?? settings.timeoutMs;
      return { fetcher: subgraphFetcher(agent, timeoutMs), policy, logger };
    },
    close: () => agent.close(),
  };
}
