import type { AssembledTrace, SpanNode } from '@tributary/traces';
import { expect } from 'vitest';

/** The storefront's subgraphs, each of which a page query reaches. */
export const SUBGRAPHS = ['accounts', 'products', 'inventory', 'reviews'];

/** Every span of a tree, parents before their children. */
export function all(nodes: SpanNode[]): SpanNode[] {
  return nodes.flatMap((node) => [node, ...all(node.children)]);
}

/** Checks one request's trace: one root (the gateway), each subgraph under its fetch, stores under subgraphs. */
export function expectWellFormed(trace: AssembledTrace, clientParent: string | undefined, operation: string): void {
  expect(trace.roots).toHaveLength(1);
  const gateway = trace.roots[0]!;
  expect(gateway).toMatchObject({ kind: 'segment', name: 'gateway', annotations: { operation_name: operation, operation_type: 'query' } });
  if (clientParent) expect(gateway.parentId).toBe(clientParent);
  expect(gateway.children.map((c) => c.name)).toContain('plan');
  for (const name of SUBGRAPHS) {
    const fetch = gateway.children.find((c) => c.name === name && c.kind === 'subsegment');
    expect(fetch, `fetch subsegment for ${name}`).toBeDefined();
    expect(fetch!.http?.status).toBe(200);
    const segment = fetch!.children.find((c) => c.kind === 'segment');
    expect(segment, `${name} segment under its fetch`).toMatchObject({ name, parentId: fetch!.id });
    expect(String(segment!.annotations.operation_name)).toMatch(new RegExp(`^${operation}__${name}__`));
    const stores = all(segment!.children).map((s) => s.name);
    expect(stores.some((s) => ['postgres', 'DynamoDB', 'redis'].includes(s)), `${name} store spans: ${stores}`).toBe(true);
  }
}
