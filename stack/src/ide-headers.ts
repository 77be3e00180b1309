import type { DevIssuer } from './dev-issuer.ts';

/** How long the token in the IDE lasts: a working day, so a long `npm start` stays signed in. */
export const IDE_TOKEN_TTL_SECONDS = 24 * 3_600;

/**
 * What the IDE's headers editor starts with under `npm start`: a development token for user 1,
 * so `me` and mutations can be tried at once, and how to sign in as someone else.
 */
export async function ideDefaultHeaders(issuer: DevIssuer): Promise<string> {
  const token = await issuer.token({ user: '1', ttlSeconds: IDE_TOKEN_TTL_SECONDS });
  return [
    '// Signed in as user 1 with a development token, valid for 24 hours. As another user, or with',
    '// the admin scope (catalog and stock changes), paste the output of',
    '//   npm run -s token -- --user 2 --scope admin',
    `{ "authorization": "Bearer ${token}" }`,
    '',
  ].join('\n');
}
