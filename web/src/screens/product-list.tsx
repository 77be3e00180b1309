import type { CombinedError } from '@urql/core';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { failedAt } from '../graphql/errors.ts';
import { TopProductsDocument, type TopProductsQuery } from '../graphql/generated/operations.ts';
import { ErrorNotice, PartialNotice } from '../ui/error-notice.tsx';
import { money } from '../ui/format.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { Shipping, Stock } from '../ui/product-facts.tsx';
import { ReviewList } from '../ui/review-list.tsx';

type Product = TopProductsQuery['topProducts'][number];

function ProductCard({ product, path, error }: { product: Product; path: (string | number)[]; error: CombinedError | undefined }) {
  return (
    <article className="card" aria-labelledby={`product-${product.upc}`}>
      <h2 id={`product-${product.upc}`} className="card-title">
        <Link href={`/products/${encodeURIComponent(product.upc)}`}>{product.name}</Link>
      </h2>
      <p className="price">{money(product.price)}</p>
      <Stock inStock={product.inStock} quantity={product.quantity} unavailable={failedAt(error, [...path, 'inStock'])} />
      <Shipping estimate={product.shippingEstimate} unavailable={failedAt(error, [...path, 'shippingEstimate'])} />
      <h3 className="card-subtitle">Newest reviews</h3>
      {product.reviews === null ? (
        <p className="muted">Reviews unavailable</p>
      ) : (
        <ReviewList reviews={product.reviews} empty="No reviews yet." compact />
      )}
    </article>
  );
}

/** The storefront's first screen: the top products, all from one GraphQL request. */
export function ProductList() {
  usePageTitle('Top products');
  const [{ data, error, fetching }, refetch] = useQuery({ query: TopProductsDocument });
  if (!data) {
    if (fetching || !error) return <p role="status">Loading products…</p>;
    return <ErrorNotice title="The products could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  return (
    <>
      <h1>Top products</h1>
      {error && <PartialNotice error={error}>Some details are unavailable right now; everything else is shown.</PartialNotice>}
      <ul className="product-grid">
        {data.topProducts.map((product, index) => (
          <li key={product.upc}>
            <ProductCard product={product} path={['topProducts', index]} error={error} />
          </li>
        ))}
      </ul>
    </>
  );
}
