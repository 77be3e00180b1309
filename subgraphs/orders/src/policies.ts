import type { Identity } from '@tributary/service-kit';
import type { Policy } from '@tributary/service-kit/subgraph';

/** Orders answer to the user who placed them and to admins, no one else. */
export const ownsOrAdmin = (userId: string, viewer: Identity) => userId === viewer.userId || viewer.scopes.includes('admin');

/** The `@policy` rules of orders.graphql. */
export const policies: Record<string, Policy> = {
  ownerOrAdmin: (user, viewer) => ownsOrAdmin((user as { id: string }).id, viewer),
};
