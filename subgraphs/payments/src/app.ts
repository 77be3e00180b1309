import { profiles, seedIfEmpty, users } from '@tributary/seed';
import { sdlFile } from '@tributary/schema';
import { dynamoStoreWithOutbox, type SubgraphDefinition } from '@tributary/service-kit/subgraph';
import type { PaymentsConfig } from './config.ts';
import type { PaymentsContext } from './context.ts';
import { CreditStore } from './credit-store.ts';
import { createLoaders } from './loaders.ts';
import { policies } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { paymentsTable } from './table.ts';

/** Store credit in DynamoDB: what the kit's bootstrap serves as the payments subgraph. */
export function paymentsSubgraph(seedCredit: number): SubgraphDefinition<PaymentsConfig, PaymentsContext> {
  return {
    name: 'payments',
    sdlPath: sdlFile('payments'),
    openStore: dynamoStoreWithOutbox((config: PaymentsConfig) => paymentsTable(config.PAYMENTS_TABLE), CreditStore),
    loaders: (store, settings, config) => createLoaders(store, { ...settings, creditTtlSeconds: config.CACHE_TTL_CREDIT_SECONDS }),
    // Every seeded user starts with the same credit, so the storefront can sell from the start.
    seed: (store, profile) => seedIfEmpty(store, [...users(profiles[profile])].map((u) => ({ userId: u.id, balance: seedCredit })), 500),
    resolvers,
    policies,
  };
}
