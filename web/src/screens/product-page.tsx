import { useState } from 'react';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { useAuth } from '../auth/auth-context.tsx';
import { SignInButton } from '../auth/sign-in-button.tsx';
import { failedAt } from '../graphql/errors.ts';
import { ProductDocument, type ReviewCardFragment } from '../graphql/generated/operations.ts';
import { ErrorNotice, PartialNotice } from '../ui/error-notice.tsx';
import { grams, money } from '../ui/format.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { Shipping, Stock } from '../ui/product-facts.tsx';
import { ReviewList } from '../ui/review-list.tsx';
import { ReviewForm } from './review-form.tsx';

/** One product: details, stock, shipping, its newest reviews, and a review form when signed in. */
export function ProductPage() {
  const { upc = '' } = useParams<{ upc: string }>();
  const auth = useAuth();
  const [{ data, error, fetching }, refetch] = useQuery({ query: ProductDocument, variables: { upc } });
  // What this tab posted shows at once, even while a cache (CloudFront's included) still serves
  // the list from before it.
  const [posted, setPosted] = useState<ReviewCardFragment[]>([]);
  const product = data?.product;
  usePageTitle(product?.name ?? 'Product');

  if (!data) {
    if (fetching || !error) return <p role="status">Loading the product…</p>;
    return <ErrorNotice title="The product could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  if (!product) {
    return (
      <>
        <h1>No such product</h1>
        <p>
          There is no product {upc}. <Link href="/">See the top products</Link>.
        </p>
      </>
    );
  }
  const fetched = product.reviews ?? [];
  const reviews = [...posted.filter((p) => !fetched.some((r) => r.id === p.id)), ...fetched];
  return (
    <>
      <p className="breadcrumb">
        <Link href="/">Top products</Link>
      </p>
      <h1>{product.name}</h1>
      {error && <PartialNotice error={error}>Some details are unavailable right now; everything else is shown.</PartialNotice>}
      <div className="product-details">
        <p className="price">{money(product.price)}</p>
        <Stock inStock={product.inStock} quantity={product.quantity} unavailable={failedAt(error, ['product', 'inStock'])} />
        <Shipping estimate={product.shippingEstimate} unavailable={failedAt(error, ['product', 'shippingEstimate'])} />
        <p className="muted">Weight {grams(product.weight)}</p>
        <p className="description">{product.description}</p>
      </div>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Reviews</h2>
        {product.reviews === null && !posted.length ? <p className="muted">Reviews unavailable</p> : <ReviewList reviews={reviews} empty="No reviews yet: be the first." />}
      </section>
      {auth.session ? (
        <ReviewForm upc={product.upc} onPosted={(review) => setPosted((previous) => [review, ...previous])} />
      ) : (
        <section className="sign-in-prompt" aria-label="Write a review">
          <p>Sign in to write a review.</p>
          <SignInButton />
        </section>
      )}
    </>
  );
}
