/**
 * Links a Cognito user to an accounts user: the accounts service keys users by its own numeric
 * id, Cognito by a UUID `sub`. On the first token Cognito issues for a user (the pre token
 * generation trigger), an accounts user is created and its id kept in the Cognito user's
 * `custom:accounts_id` attribute; on every token, that id is written into both the ID and the
 * access token as the claim the gateway reads (`AUTH_USER_ID_CLAIM`). A user created by an
 * administrator is linked on their first sign-in like anyone else, and a first sign-in whose
 * linking failed is retried on the next one.
 */

/** The Cognito user attribute holding the accounts user id. Writable by administrators only. */
export const ACCOUNTS_ID_ATTRIBUTE = 'custom:accounts_id';

/** The token claim holding the accounts user id: the gateway's `AUTH_USER_ID_CLAIM`. */
export const USER_ID_CLAIM = 'accounts_user_id';

/** The slice of Cognito's pre token generation event (version 2) this trigger reads and writes. */
export interface PreTokenGenerationEvent {
  readonly userPoolId: string;
  readonly userName: string;
  readonly request: { readonly userAttributes: Readonly<Record<string, string>> };
  response: {
    claimsAndScopeOverrideDetails?: {
      idTokenGeneration?: { claimsToAddOrOverride?: Record<string, string> };
      accessTokenGeneration?: { claimsToAddOrOverride?: Record<string, string> };
    } | null;
  };
}

export interface NewAccountsUser {
  readonly name: string;
  readonly username: string;
  readonly email: string;
}

export interface LinkDependencies {
  /** Creates the user in the accounts service and answers its id. */
  createAccountsUser(user: NewAccountsUser): Promise<string>;
  /** Keeps the id on the Cognito user. */
  saveAccountsId(userPoolId: string, userName: string, accountsId: string): Promise<void>;
}

const USERNAME = /^[a-z0-9_.]{3,32}$/;

/**
 * The accounts user for a Cognito user's attributes. The username must be unique and match the
 * accounts rules (3 to 32 of a-z, 0-9, `_`, `.`): the preferred username when it fits, else the
 * email's local part made to fit, with the start of `sub` after it so two shoppers called
 * `anna@` at different domains do not collide.
 */
export function accountsUserFor(attributes: Readonly<Record<string, string>>): NewAccountsUser {
  const { email, sub } = attributes;
  if (!email || !sub) throw new Error('The Cognito user has no email or sub: the user pool must require an email');
  const local = email.slice(0, email.lastIndexOf('@')).toLowerCase();
  const preferred = attributes.preferred_username?.toLowerCase();
  const username = preferred && USERNAME.test(preferred)
    ? preferred
    : `${local.replace(/[^a-z0-9_.]/g, '_').slice(0, 20) || 'user'}.${sub.replace(/[^0-9a-f]/gi, '').slice(0, 8).toLowerCase()}`;
  const name = (attributes.name?.trim() || local || username).slice(0, 100);
  return { name, username, email };
}

/** The pre token generation trigger, with its AWS and accounts calls given. */
export async function linkAccount(event: PreTokenGenerationEvent, deps: LinkDependencies): Promise<PreTokenGenerationEvent> {
  let accountsId = event.request.userAttributes[ACCOUNTS_ID_ATTRIBUTE];
  if (!accountsId) {
    accountsId = await deps.createAccountsUser(accountsUserFor(event.request.userAttributes));
    await deps.saveAccountsId(event.userPoolId, event.userName, accountsId);
  }
  const claims = { [USER_ID_CLAIM]: accountsId };
  event.response = {
    claimsAndScopeOverrideDetails: {
      ...event.response.claimsAndScopeOverrideDetails,
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
  return event;
}
