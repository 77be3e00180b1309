export { profiles, type SeedProfile, type SeedProfileName } from './profiles.ts';
export {
  chunked,
  productUpc,
  products,
  reviews,
  stock,
  userId,
  users,
  type SeedProduct,
  type SeedReview,
  type SeedStock,
  type SeedUser,
} from './storefront.ts';
export { seedIfEmpty, type SeedTarget } from './seed-if-empty.ts';
export { random } from './random.ts';
