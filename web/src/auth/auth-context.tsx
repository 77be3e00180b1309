import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { AuthConfig } from '../config/runtime-config.ts';
import { authorizationUrl, clearSession, logoutUrl, readSession, redeemCode, type Session } from './session.ts';

export interface Auth {
  /** False when the site has no sign-in configured. */
  enabled: boolean;
  session: Session | undefined;
  /** Sends the browser to the sign-in page; it comes back to `returnTo`. */
  signIn(returnTo?: string): Promise<void>;
  signOut(): void;
  /** On the callback page: redeems the code, returns the path to go back to. */
  complete(search: string): Promise<string>;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export function AuthProvider({ config, children }: { config: AuthConfig | undefined; children: ReactNode }) {
  const [session, setSession] = useState(() => readSession(sessionStorage));
  const signIn = useCallback(
    async (returnTo = location.pathname + location.search) => {
      if (!config) return;
      location.assign(await authorizationUrl(config, location.origin, returnTo, sessionStorage));
    },
    [config],
  );
  const signOut = useCallback(() => {
    clearSession(sessionStorage);
    setSession(undefined);
    const hosted = config && logoutUrl(config, location.origin);
    if (hosted) location.assign(hosted);
  }, [config]);
  const complete = useCallback(
    async (search: string) => {
      if (!config) throw new Error('Sign-in is not configured for this site');
      const returnTo = await redeemCode(config, search, sessionStorage);
      setSession(readSession(sessionStorage));
      return returnTo;
    },
    [config],
  );
  const auth = useMemo(() => ({ enabled: Boolean(config), session, signIn, signOut, complete }), [config, session, signIn, signOut, complete]);
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an AuthProvider');
  return auth;
}
