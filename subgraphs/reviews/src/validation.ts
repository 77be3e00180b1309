import { badUserInput } from '@tributary/service-kit';
import type { NewReview } from './review-store.ts';

export interface AddReviewInput {
  productUpc: string;
  authorId: string;
  body: string;
  rating: number;
}

/** Checks addReview's shape (existence is checked against the owning services afterwards). */
export function validateNewReview(input: AddReviewInput): NewReview {
  const body = input.body.trim();
  if (body.length < 1 || body.length > 5_000) throw badUserInput('body must be 1 to 5,000 characters', 'body');
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    throw badUserInput('rating must be between 1 and 5', 'rating');
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.productUpc)) throw badUserInput('productUpc is not a valid UPC', 'productUpc');
  if (!/^[1-9]\d{0,17}$/.test(input.authorId)) throw badUserInput('authorId is not a valid user id', 'authorId');
  return { productUpc: input.productUpc, authorId: input.authorId, body, rating: input.rating };
}
