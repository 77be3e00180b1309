import { between, entityRandom, pick } from './random.ts';
import type { SeedProfile } from './profiles.ts';

export interface SeedUser {
  id: string;
  name: string;
  username: string;
  email: string;
  birthday: string;
}

export interface SeedProduct {
  upc: string;
  name: string;
  price: number;
  weight: number;
  description: string;
  rank: number;
}

export interface SeedStock {
  upc: string;
  quantity: number;
}

export interface SeedReview {
  id: string;
  authorId: string;
  productUpc: string;
  body: string;
  rating: number;
  createdAt: string;
}

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Radia', 'Tim', 'Frances', 'Edsger', 'Hedy', 'John', 'Katherine', 'Niklaus'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Perlman', 'Berners-Lee', 'Allen', 'Dijkstra', 'Lamarr', 'Backus', 'Johnson', 'Wirth'];
const ADJECTIVES = ['Trail', 'Urban', 'Classic', 'Compact', 'Rugged', 'Featherweight', 'Studio', 'Everyday', 'Pro', 'Alpine'];
const NOUNS = ['Backpack', 'Lamp', 'Kettle', 'Headphones', 'Tent', 'Jacket', 'Chair', 'Keyboard', 'Bottle', 'Stove', 'Camera', 'Boots'];
const OPINIONS = ['Does what it says.', 'Better than I expected.', 'Arrived quickly and works well.', 'Too heavy for me.', 'Great value for the price.', 'Broke after a month.', 'Would buy again.', 'Solid build, average finish.'];

const USER = 1;
const PRODUCT = 2;
const STOCK = 3;
const REVIEW = 4;
const FIRST_REVIEW_AT = Date.UTC(2025, 0, 1);

export const userId = (index: number) => String(index + 1);
export const productUpc = (index: number) => String(100_000_000_000 + index + 1);

export function* users(profile: SeedProfile): Generator<SeedUser> {
  for (let i = 0; i < profile.users; i += 1) {
    const next = entityRandom(USER, i);
    const first = pick(next, FIRST);
    const last = pick(next, LAST);
    const username = `${first}.${last}.${i + 1}`.toLowerCase().replace(/[^a-z0-9_.]/g, '');
    yield {
      id: userId(i),
      name: `${first} ${last}`,
      username,
      email: `${username}@example.com`,
      birthday: new Date(Date.UTC(1950 + between(next, 0, 55), between(next, 0, 11), between(next, 1, 28)))
        .toISOString()
        .slice(0, 10),
    };
  }
}

export function* products(profile: SeedProfile): Generator<SeedProduct> {
  for (let i = 0; i < profile.products; i += 1) {
    const next = entityRandom(PRODUCT, i);
    const name = `${pick(next, ADJECTIVES)} ${pick(next, NOUNS)} ${i + 1}`;
    yield {
      upc: productUpc(i),
      name,
      price: between(next, 199, 19_999),
      weight: between(next, 50, 20_000),
      description: `The ${name}: made to last, tested by our staff.`,
      rank: i + 1,
    };
  }
}

export function* stock(profile: SeedProfile): Generator<SeedStock> {
  for (let i = 0; i < profile.products; i += 1) {
    const next = entityRandom(STOCK, i);
    // About one product in eight is sold out, so inStock is not always true.
    yield { upc: productUpc(i), quantity: next() < 0.125 ? 0 : between(next, 1, 500) };
  }
}

export function* reviews(profile: SeedProfile): Generator<SeedReview> {
  for (let i = 0; i < profile.reviews; i += 1) {
    const next = entityRandom(REVIEW, i);
    yield {
      id: String(i + 1),
      // Every user and every product gets reviews while there are enough to go round.
      authorId: userId(i < profile.users ? i : between(next, 0, profile.users - 1)),
      productUpc: productUpc(i < profile.products ? i : between(next, 0, profile.products - 1)),
      body: pick(next, OPINIONS),
      rating: between(next, 1, 5),
      createdAt: new Date(FIRST_REVIEW_AT + i * 60_000).toISOString(),
    };
  }
}

/** Groups a generator into arrays of `size`, for batched inserts. */
export function* chunked<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
