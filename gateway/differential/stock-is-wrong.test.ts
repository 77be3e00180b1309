import { describe, expect, test } from 'vitest';
import { fixtures } from './fixtures/fixtures.ts';
import { bytesOf, stockIsWrong } from './stock-is-wrong.ts';

describe('stock-is-wrong cases', () => {
  test('each names a hand-written operation of a fixture, once', () => {
    for (const { fixture, operation } of stockIsWrong) {
      expect(fixtures.find((f) => f.name === fixture)?.operations.map((o) => o.name), `${fixture}: ${operation}`).toContain(operation);
    }
    expect(new Set(stockIsWrong.map((c) => `${c.fixture}: ${c.operation}`)).size).toBe(stockIsWrong.length);
  });

  test('each gives a reason and a correct answer that differs from stock', () => {
    for (const c of stockIsWrong) {
      expect(c.reason.length, c.operation).toBeGreaterThan(40);
      expect(bytesOf(c.correct), c.operation).not.toEqual(bytesOf(c.stock));
    }
  });

  test('fixtures whose operations stock answers wrongly are not given generated ones, which would have no correct answer', () => {
    const wrongFixtures = new Set(stockIsWrong.map((c) => c.fixture));
    expect(fixtures.filter((f) => wrongFixtures.has(f.name) && f.generated > 0).map((f) => f.name)).toEqual([]);
  });

  test('answers are written as Apollo Server writes them', () => {
    expect(bytesOf({ status: 200, body: { errors: [{ message: 'x' }], data: null } })).toEqual({ status: 200, body: '{"errors":[{"message":"x"}],"data":null}\n' });
  });
});
