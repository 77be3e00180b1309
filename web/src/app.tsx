import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Provider } from 'urql';
import { Link, Route, Switch, useLocation } from 'wouter';
import { AuthProvider, useAuth } from './auth/auth-context.tsx';
import { CallbackPage } from './auth/callback-page.tsx';
import type { RuntimeConfig } from './config/runtime-config.ts';
import { createStorefrontClient } from './graphql/client.ts';
import { usePageTitle } from './ui/page-title.ts';
import { AccountPage } from './screens/account-page.tsx';
import { ProductList } from './screens/product-list.tsx';
import { ProductPage } from './screens/product-page.tsx';

/** One client per signed-in user: nobody's cached answers outlive their session. */
function GraphQLProvider({ url, children }: { url: string; children: ReactNode }) {
  const { session } = useAuth();
  const token = session?.token;
  const client = useMemo(() => createStorefrontClient({ url, token: () => token, hashesOnly: !import.meta.env.DEV }), [url, token]);
  return <Provider value={client}>{children}</Provider>;
}

function Header() {
  const auth = useAuth();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/" className="brand">
        Tributary
      </Link>
      <nav aria-label="Main">
        <Link href="/">Products</Link>
        {auth.session && <Link href="/account">Your account</Link>}
        {auth.enabled &&
          (auth.session ? (
            <button type="button" className="link-button" onClick={auth.signOut}>
              Sign out
            </button>
          ) : (
            <button type="button" className="link-button" onClick={() => void auth.signIn()}>
              Sign in
            </button>
          ))}
      </nav>
    </header>
  );
}

function NotFound() {
  usePageTitle('Not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link href="/">See the top products</Link>.
      </p>
    </>
  );
}

/** After a navigation, focus moves to the new page's content, as a full page load would. */
function Main({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [location]);
  return (
    <main id="main" ref={main} tabIndex={-1}>
      {children}
    </main>
  );
}

export function App({ config }: { config: RuntimeConfig }) {
  return (
    <AuthProvider config={config.auth}>
      <GraphQLProvider url={config.graphqlPath}>
        <Header />
        <Main>
          <Switch>
            <Route path="/" component={ProductList} />
            <Route path="/products/:upc" component={ProductPage} />
            <Route path="/account" component={AccountPage} />
            {config.auth && <Route path={config.auth.redirectPath} component={CallbackPage} />}
            <Route component={NotFound} />
          </Switch>
        </Main>
      </GraphQLProvider>
    </AuthProvider>
  );
}
