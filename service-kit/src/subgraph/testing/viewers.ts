/** Who an operation is run for: a signed-in user with their scopes, or null for anonymous. */
export interface TestViewer {
  userId: string;
  scopes?: string[];
}

/** No identity header at all: the resolvers see `viewer: null`. */
export const anonymous = null;

/** A signed-in user without scopes. */
export const user = (userId: string): TestViewer => ({ userId, scopes: [] });

/** A signed-in user with the `admin` scope (what `@requiresScopes(scopes: [["admin"]])` asks for). */
export const admin = (userId: string): TestViewer => ({ userId, scopes: ['admin'] });
