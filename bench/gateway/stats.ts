/** The p-th percentile (nearest rank) of unsorted values; NaN for none. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The median (the lower middle value for an even count, a value that was measured). */
export const median = (values: ArrayLike<number>): number => percentile(values, 50);

/** Rounds to `digits` decimals, for reports. */
export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
