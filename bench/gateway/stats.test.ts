import { describe, expect, test } from 'vitest';
import { median, percentile, round } from './stats.ts';

describe('stats', () => {
  test('percentiles are nearest-rank values that were measured', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(median([3, 1, 2])).toBe(2);
    expect(median(Float64Array.of(4, 1, 3, 2))).toBe(2);
    expect(median([])).toBeNaN();
  });

  test('rounds to the digits asked for', () => {
    expect(round(1.26)).toBe(1.3);
    expect(round(0.12345, 3)).toBe(0.123);
  });
});
