import { useEffect, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { usePageTitle } from '../ui/page-title.ts';
import { useAuth } from './auth-context.tsx';
import { SignInButton } from './sign-in-button.tsx';

// A code can be redeemed once: React's development double effects must not send it twice.
const redeeming = new Map<string, Promise<string>>();

/** Where the authorization server sends the browser back with `?code&state`. */
export function CallbackPage() {
  usePageTitle('Signing in');
  const auth = useAuth();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    let pending = redeeming.get(search);
    if (!pending) redeeming.set(search, (pending = auth.complete(search)));
    pending.then((returnTo) => navigate(returnTo, { replace: true }), (error: Error) => setFailure(error.message));
  }, [auth, search, navigate]);
  if (!failure) return <p role="status">Signing you in…</p>;
  return (
    <>
      <h1>Sign-in did not complete</h1>
      <div className="notice notice-error" role="alert">
        <p>{failure}</p>
      </div>
      <SignInButton label="Sign in again" />
    </>
  );
}
