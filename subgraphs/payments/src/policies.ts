import type { Policy } from '@tributary/service-kit/subgraph';

/** The `@policy` rules of payments.graphql. */
export const policies: Record<string, Policy> = {
  /** A balance answers to its user and to admins (who grant credit). */
  ownerOrAdmin: (user, viewer) => (user as { id: string }).id === viewer.userId || viewer.scopes.includes('admin'),
};
