const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The fields of an authorization request the form carries back, unchanged. */
export type AuthorizationParams = Record<'response_type' | 'client_id' | 'redirect_uri' | 'state' | 'scope' | 'code_challenge' | 'code_challenge_method', string>;

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>${escape(title)} · Tributary (development)</title>
<style>
  body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; margin: 0; }
  main { max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text] { font: inherit; width: 100%; padding: .5rem; min-height: 2.75rem; border: 1px solid #505050; border-radius: .375rem; box-sizing: border-box; }
  .check { font-weight: 400; }
  button { font: inherit; margin-top: 1.5rem; padding: .5rem 1rem; min-height: 2.75rem; color: #fff; background: #0b4f8a; border: 0; border-radius: .375rem; cursor: pointer; }
  :focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
  .error { color: #a4001d; font-weight: 600; }
  .note { color: #505050; }
</style>
</head>
<body><main>${body}</main></body>
</html>
`;

/** The development sign-in form: a user id instead of a password, the request's fields hidden. */
export function signInPage(params: AuthorizationParams, problem?: { user: string; message: string }): string {
  const hidden = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('\n  ');
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p class="note">The development sign-in of <code>npm start</code>, shaped like Cognito's hosted UI. There is no
password: pick the id of a seeded user (the small seed has users 1 to 20). It runs only on this machine.</p>
<form method="post" action="/oauth2/authorize">
  ${hidden}
  <label for="user">User id</label>
  <input type="text" id="user" name="user" value="${escape(problem?.user ?? '1')}" autocomplete="username" required${
    problem ? ' aria-invalid="true" aria-describedby="user-error"' : ''
  }>
  ${problem ? `<p id="user-error" class="error">${escape(problem.message)}</p>` : ''}
  <label class="check"><input type="checkbox" name="admin" value="1"> Scope <code>admin</code>: may change the catalog and stock</label>
  <button type="submit">Sign in</button>
</form>`,
  );
}

/** A request this sign-in refuses, said on the page instead of redirecting anywhere. */
export const refusalPage = (message: string) => page('Sign-in refused', `<h1>Sign-in refused</h1>\n<p class="error" role="alert">${escape(message)}</p>`);
