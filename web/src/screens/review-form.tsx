import type { CombinedError } from '@urql/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { fieldErrors, generalErrors } from '../graphql/errors.ts';
import { AddReviewDocument, type ReviewCardFragment } from '../graphql/generated/operations.ts';
import { TraceId } from '../ui/error-notice.tsx';

const RATINGS = [5, 4, 3, 2, 1];

/**
 * Writes a review as the signed-in user. The gateway is the one judge of a review: its field
 * errors (BAD_USER_INPUT with `extensions.field`) are shown at their fields, focus on the first.
 */
export function ReviewForm({ upc, onPosted }: { upc: string; onPosted: (review: ReviewCardFragment) => void }) {
  const [{ fetching }, addReview] = useMutation(AddReviewDocument);
  const [body, setBody] = useState('');
  const [rating, setRating] = useState('5');
  const [error, setError] = useState<CombinedError>();
  const [posted, setPosted] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const ratingRef = useRef<HTMLSelectElement>(null);
  const fields = fieldErrors(error);
  const general = generalErrors(error);

  useEffect(() => {
    const rejected = fieldErrors(error);
    if (rejected.rating) ratingRef.current?.focus();
    else if (rejected.body) bodyRef.current?.focus();
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPosted(false);
    const result = await addReview({ input: { productUpc: upc, body, rating: Number(rating) } });
    setError(result.error);
    if (result.data?.addReview) {
      onPosted(result.data.addReview);
      setBody('');
      setPosted(true);
    }
  };

  const describedBy = (field: string) => (fields[field] ? `review-${field}-error` : undefined);
  return (
    <form className="review-form" onSubmit={submit} noValidate aria-labelledby="write-review">
      <h2 id="write-review">Write a review</h2>
      {error && (general.length > 0 || error.networkError) && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">Your review was not posted</p>
          <ul>
            {(general.length ? general.map((e) => e.message) : [error.message]).map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="field">
        <label htmlFor="review-rating">Rating</label>
        <select id="review-rating" ref={ratingRef} value={rating} onChange={(e) => setRating(e.target.value)} aria-invalid={Boolean(fields.rating)} aria-describedby={describedBy('rating')}>
          {RATINGS.map((stars) => (
            <option key={stars} value={stars}>
              {stars} {stars === 1 ? 'star' : 'stars'}
            </option>
          ))}
        </select>
        {fields.rating && (
          <p id="review-rating-error" className="field-error">
            {fields.rating}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="review-body">Your review</label>
        <textarea id="review-body" ref={bodyRef} rows={4} value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={Boolean(fields.body)} aria-describedby={describedBy('body')} />
        {fields.body && (
          <p id="review-body-error" className="field-error">
            {fields.body}
          </p>
        )}
      </div>
      {fields.productUpc && <p className="field-error">{fields.productUpc}</p>}
      {error && <TraceId error={error} />}
      <button type="submit" disabled={fetching}>
        {fetching ? 'Posting…' : 'Post review'}
      </button>
      {posted && (
        <p className="notice notice-ok" role="status">
          Thanks: your review is posted.
        </p>
      )}
    </form>
  );
}
