import { describe, expect, test } from 'vitest';
import { benchmarkQuery } from './subgraphs/subgraphs.ts';
import { workloads } from './workloads.ts';

const [identical, varied] = workloads;
const parsed = (body: Buffer) => JSON.parse(body.toString('utf8')) as { query: string; operationName: string; variables?: { nonce: number } };

describe('workloads', () => {
  test('identical: every request is the benchmark query, byte for byte the same', () => {
    expect(identical!.body().equals(identical!.body())).toBe(true);
    expect(parsed(identical!.body())).toEqual({ query: benchmarkQuery, operationName: 'TestQuery' });
  });

  test('varied: the same operation with a nonce of its own on every request', () => {
    const bodies = Array.from({ length: 50 }, () => parsed(varied!.body()));
    expect(new Set(bodies.map((b) => b.variables!.nonce)).size).toBe(50);
    for (const body of bodies) expect(body).toMatchObject({ query: benchmarkQuery, operationName: 'TestQuery' });
  });
});
