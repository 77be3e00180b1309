import { useAuth } from './auth-context.tsx';

/** "Sign in", or why it is not offered. */
export function SignInButton({ label = 'Sign in' }: { label?: string }) {
  const auth = useAuth();
  if (!auth.enabled) return <p className="muted">Sign-in is not configured for this site.</p>;
  return (
    <button type="button" onClick={() => void auth.signIn()}>
      {label}
    </button>
  );
}
