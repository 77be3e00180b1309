import { describe, expect, it } from 'vitest';
import { profiles, products, reviews, stock, users, chunked } from './index.ts';

describe('seed data', () => {
  it('is deterministic', () => {
    expect([...users(profiles.small)]).toEqual([...users(profiles.small)]);
    expect([...reviews(profiles.small)]).toEqual([...reviews(profiles.small)]);
  });

  it('references only users and products that exist', () => {
    const userIds = new Set([...users(profiles.small)].map((u) => u.id));
    const upcs = new Set([...products(profiles.small)].map((p) => p.upc));
    for (const review of reviews(profiles.small)) {
      expect(userIds.has(review.authorId)).toBe(true);
      expect(upcs.has(review.productUpc)).toBe(true);
    }
  });

  it('gives every user and product at least one review in the small profile', () => {
    const all = [...reviews(profiles.small)];
    expect(new Set(all.map((r) => r.authorId)).size).toBe(profiles.small.users);
    expect(new Set(all.map((r) => r.productUpc)).size).toBe(profiles.small.products);
  });

  it('has unique usernames and keeps stock for every product', () => {
    const names = [...users(profiles.large)].map((u) => u.username);
    expect(new Set(names).size).toBe(names.length);
    expect([...stock(profiles.small)].map((s) => s.upc)).toEqual([...products(profiles.small)].map((p) => p.upc));
  });

  it('meets the large profile minimums', () => {
    expect(profiles.large.users).toBeGreaterThanOrEqual(10_000);
    expect(profiles.large.products).toBeGreaterThanOrEqual(5_000);
    expect(profiles.large.reviews).toBeGreaterThanOrEqual(100_000);
  });

  it('chunks', () => {
    expect([...chunked([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
  });
});
