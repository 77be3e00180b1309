import { badUserInput, checkPageSize } from '@tributary/service-kit';
import type { Resolvers } from './generated/resolver-types.ts';
import { isUserId } from './loaders.ts';
import { validateNewUser } from './validation.ts';

export const resolvers: Resolvers = {
  Query: {
    // @authenticated: only reached with a viewer.
    me: (_, __, { viewer, loaders }) => loaders.user.load(viewer!.userId),
    user: (_, { id }, { loaders }) => {
      if (!isUserId(id)) throw badUserInput('id must be a positive integer', 'id');
      return loaders.user.load(id);
    },
    users: async (_, { first }, { store, loaders }) => {
      const users = await store.list(checkPageSize(first, 100));
      for (const user of users) loaders.user.prime(user.id, user);
      return users;
    },
  },
  Mutation: {
    createUser: async (_, { input }, { store, cache, viewer }) => {
      const user = await store.create(validateNewUser(input), viewer);
      if (!user) throw badUserInput('username or email is already taken', 'username');
      // The id may have been looked up before it existed: drop the cached "no such user".
      await cache.invalidate('User', [user.id]);
      return user;
    },
  },
  User: {
    __resolveReference: (ref, { loaders }) => loaders.user.load(ref.id),
  },
};
