import { money } from './format.ts';

/** Stock as the inventory subgraph reports it, or that it could not be read. */
export function Stock({ inStock, quantity, unavailable }: { inStock: boolean | null; quantity: number | null; unavailable: boolean }) {
  if (unavailable || inStock === null) return <p className="stock stock-unknown">Stock unavailable</p>;
  if (!inStock) return <p className="stock stock-out">Out of stock</p>;
  return <p className="stock stock-in">In stock{quantity === null ? '' : ` (${quantity} left)`}</p>;
}

/** The shipping estimate (free from $100), or that it could not be computed. */
export function Shipping({ estimate, unavailable }: { estimate: number | null; unavailable: boolean }) {
  if (unavailable || estimate === null) return <p className="shipping shipping-unknown">Shipping estimate unavailable</p>;
  return <p className="shipping">{estimate === 0 ? 'Free shipping' : `Shipping ${money(estimate)}`}</p>;
}

/** Stars, read out as "4 out of 5 stars". */
export function Stars({ rating }: { rating: number }) {
  return (
    <span className="stars" role="img" aria-label={`${rating} out of 5 stars`}>
      {'★'.repeat(rating)}
      <span className="stars-empty">{'★'.repeat(Math.max(0, 5 - rating))}</span>
    </span>
  );
}
