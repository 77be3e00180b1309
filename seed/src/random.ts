/** mulberry32: a small, fast, deterministic PRNG. Same seed, same sequence, on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator for entity `index` of a kind: independent of every other entity. */
export function entityRandom(kind: number, index: number): () => number {
  return random(Math.imul(kind, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
}

export const pick = <T>(next: () => number, items: readonly T[]): T =>
  items[Math.floor(next() * items.length)]!;

export const between = (next: () => number, min: number, max: number): number =>
  min + Math.floor(next() * (max - min + 1));
