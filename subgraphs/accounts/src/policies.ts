import type { Policy } from '@tributary/service-kit/subgraph';
import type { User } from './user-store.ts';

/** The `@policy` rules of accounts.graphql. */
export const policies: Record<string, Policy> = {
  /** A user's private fields answer to that user alone; admins included, no one else. */
  owner: (user, viewer) => (user as Pick<User, 'id'>).id === viewer.userId,
};
