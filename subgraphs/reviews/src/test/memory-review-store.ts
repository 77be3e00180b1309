import type { StoreStandIn } from '@tributary/service-kit/subgraph/testing';
import type { NewReview, Review, ReviewStore } from '../review-store.ts';

/** reviews.reviews in memory, for resolver tests: ReviewStore's behaviour (newest first, then highest id). */
export class MemoryReviewStore implements StoreStandIn<ReviewStore> {
  readonly reviews: Review[];
  private clock: number;

  constructor(reviews: readonly Review[] = [], now = Date.parse('2026-01-01T00:00:00Z')) {
    this.reviews = [...reviews];
    this.clock = now;
  }

  async findByIds(ids: readonly string[]): Promise<Review[]> {
    return this.reviews.filter((r) => ids.includes(r.id));
  }

  async newestByProducts(upcs: readonly string[], first: number): Promise<Review[]> {
    return upcs.flatMap((upc) => this.newest((r) => r.productUpc === upc, first));
  }

  async newestByAuthors(authorIds: readonly string[], first: number): Promise<Review[]> {
    return authorIds.flatMap((id) => this.newest((r) => r.authorId === id, first));
  }

  async create(review: NewReview): Promise<Review> {
    this.clock += 1_000;
    const id = String(Math.max(0, ...this.reviews.map((r) => Number(r.id))) + 1);
    const created = { id, ...review, createdAt: new Date(this.clock).toISOString() };
    this.reviews.push(created);
    return created;
  }

  async count(): Promise<number> {
    return this.reviews.length;
  }

  async insertMany(reviews: readonly Review[]): Promise<void> {
    for (const review of reviews) if (!this.reviews.some((r) => r.id === review.id)) this.reviews.push(review);
  }

  private newest(matches: (review: Review) => boolean, first: number): Review[] {
    return this.reviews
      .filter(matches)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || Number(b.id) - Number(a.id))
      .slice(0, first);
  }
}
