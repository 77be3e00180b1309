import { badUserInput } from '@tributary/service-kit';
import type { AddReviewInput } from './generated/resolver-types.ts';
import type { NewReview } from './review-store.ts';

/**
 * Checks addReview's shape for the signed-in author, never one named in the input (existence is
 * checked against the owning services afterwards).
 */
export function validateNewReview(input: AddReviewInput, authorId: string): NewReview {
  const body = input.body.trim();
  if (body.length < 1 || body.length > 5_000) throw badUserInput('body must be 1 to 5,000 characters', 'body');
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    throw badUserInput('rating must be between 1 and 5', 'rating');
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.productUpc)) throw badUserInput('productUpc is not a valid UPC', 'productUpc');
  const key = input.idempotencyKey ?? undefined;
  if (key !== undefined && !/^[A-Za-z0-9_.:-]{1,100}$/.test(key)) {
    throw badUserInput("idempotencyKey must be 1 to 100 characters of A-Z, a-z, 0-9, '_', '-', '.', ':'", 'idempotencyKey');
  }
  return { productUpc: input.productUpc, authorId, body, rating: input.rating, idempotencyKey: key };
}
