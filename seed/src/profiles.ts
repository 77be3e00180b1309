export type SeedProfileName = 'small' | 'large';

export interface SeedProfile {
  name: SeedProfileName;
  users: number;
  products: number;
  reviews: number;
}

/** small: a quick start; large: for benchmarks (≥ 10k users, 5k products, 100k reviews). */
export const profiles: Record<SeedProfileName, SeedProfile> = {
  small: { name: 'small', users: 20, products: 30, reviews: 200 },
  large: { name: 'large', users: 10_000, products: 5_000, reviews: 100_000 },
};
