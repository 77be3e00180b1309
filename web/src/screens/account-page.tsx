import { useQuery } from 'urql';
import { Link } from 'wouter';
import { useAuth } from '../auth/auth-context.tsx';
import { SignInButton } from '../auth/sign-in-button.tsx';
import { withToken } from '../graphql/client.ts';
import { MeDocument } from '../graphql/generated/operations.ts';
import { ErrorNotice, PartialNotice } from '../ui/error-notice.tsx';
import { date } from '../ui/format.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { Stars } from '../ui/product-facts.tsx';

function Me() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: MeDocument, context: withToken, requestPolicy: 'cache-and-network' });
  if (!data?.me) {
    if (fetching) return <p role="status">Loading your account…</p>;
    return error ? <ErrorNotice title="Your account could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <p>No account.</p>;
  }
  const { me } = data;
  return (
    <>
      <h1>{me.name}</h1>
      {error && <PartialNotice error={error}>Some details are unavailable right now; everything else is shown.</PartialNotice>}
      <dl className="facts">
        <dt>Username</dt>
        <dd>{me.username}</dd>
        <dt>Email</dt>
        <dd>{me.email ?? <span className="muted">unavailable</span>}</dd>
      </dl>
      <section aria-labelledby="my-reviews">
        <h2 id="my-reviews">Your reviews</h2>
        {me.reviews === null ? (
          <p className="muted">Reviews unavailable</p>
        ) : me.reviews.length === 0 ? (
          <p className="muted">You have not written a review yet.</p>
        ) : (
          <ul className="reviews">
            {me.reviews.map((review) => (
              <li key={review.id} className="review">
                <p className="review-product">{review.product ? <Link href={`/products/${encodeURIComponent(review.product.upc)}`}>{review.product.name}</Link> : 'Product unavailable'}</p>
                <Stars rating={review.rating} />
                <p className="review-body">{review.body}</p>
                <p className="review-meta">{date(review.createdAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The signed-in user's page: their email and their reviews. */
export function AccountPage() {
  usePageTitle('Your account');
  const auth = useAuth();
  if (auth.session) return <Me />;
  return (
    <>
      <h1>Your account</h1>
      <p>Sign in to see your account and your reviews.</p>
      <SignInButton />
    </>
  );
}
