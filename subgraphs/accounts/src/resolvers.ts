import { badUserInput, checkPageSize } from '@tributary/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { AccountsContext } from './context.ts';
import { isUserId } from './loaders.ts';
import { validateNewUser, type CreateUserInput } from './validation.ts';

export const resolvers: GraphQLResolverMap<AccountsContext> = {
  Query: {
    // @authenticated: only reached with a viewer.
    me: (_: unknown, __: unknown, { viewer, loaders }: AccountsContext) => loaders.user.load(viewer!.userId),
    user: (_: unknown, { id }: { id: string }, { loaders }: AccountsContext) => {
      if (!isUserId(id)) throw badUserInput('id must be a positive integer', 'id');
      return loaders.user.load(id);
    },
    users: async (_: unknown, { first }: { first: number }, { store, loaders }: AccountsContext) => {
      const users = await store.list(checkPageSize(first, 100));
      for (const user of users) loaders.user.prime(user.id, user);
      return users;
    },
  },
  Mutation: {
    createUser: async (_: unknown, { input }: { input: CreateUserInput }, { store, cache }: AccountsContext) => {
      const user = await store.create(validateNewUser(input));
      if (!user) throw badUserInput('username or email is already taken', 'username');
      // The id may have been looked up before it existed: drop the cached "no such user".
      await cache.invalidate('User', [user.id]);
      return user;
    },
  },
  User: {
    __resolveReference: (ref: { id: string }, { loaders }: AccountsContext) => loaders.user.load(ref.id),
  },
};
