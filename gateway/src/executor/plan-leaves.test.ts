import type { FetchNode, PlanNode } from '@apollo/query-planner';
import { describe, expect, it } from 'vitest';
import { leafFetches } from './plan-leaves.ts';

const fetch = (serviceName: string) => ({ kind: 'Fetch', serviceName }) as unknown as FetchNode;
const flatten = (node: PlanNode): PlanNode => ({ kind: 'Flatten', path: ['x'], node }) as PlanNode;

describe('leafFetches', () => {
  it('finds the fetches nothing later in the plan waits for, however nested', () => {
    const [root, parallelLeaf, first, last, afterAll, conditional] = ['a', 'b', 'c', 'd', 'e', 'f'].map(fetch);
    const plan: PlanNode = {
      kind: 'Sequence',
      nodes: [
        root!,
        {
          kind: 'Parallel',
          nodes: [flatten(parallelLeaf!), { kind: 'Sequence', nodes: [flatten(first!), flatten(last!)] }],
        },
        { kind: 'Condition', condition: 'v', ifClause: flatten(conditional!) } as PlanNode,
        flatten(afterAll!),
      ],
    } as PlanNode;
    const leaves = leafFetches(plan);
    expect([root, parallelLeaf, first, last, conditional, afterAll].map((f) => leaves.has(f!))).toEqual([false, false, false, false, false, true]);
    const parallel = leafFetches({ kind: 'Parallel', nodes: [flatten(parallelLeaf!), { kind: 'Sequence', nodes: [first!, last!] }] } as PlanNode);
    expect([parallelLeaf, first, last].map((f) => parallel.has(f!))).toEqual([true, false, true]);
  });
});
