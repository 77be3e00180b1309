import type { ReviewCardFragment } from '../graphql/generated/operations.ts';
import { date } from './format.ts';
import { Stars } from './product-facts.tsx';

/** Reviews newest first, each with its author (or a note when the author could not be loaded). */
export function ReviewList({ reviews, empty, compact = false }: { reviews: readonly ReviewCardFragment[]; empty: string; compact?: boolean }) {
  if (!reviews.length) return <p className="muted">{empty}</p>;
  return (
    <ul className={compact ? 'reviews reviews-compact' : 'reviews'}>
      {reviews.map((review) => (
        <li key={review.id} className="review">
          <Stars rating={review.rating} />
          <p className="review-body">{review.body}</p>
          <p className="review-meta">
            {review.author ? review.author.name : <span className="muted">Author unavailable</span>}
            {!compact && <> · {date(review.createdAt)}</>}
          </p>
        </li>
      ))}
    </ul>
  );
}
