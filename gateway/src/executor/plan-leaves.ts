import type { FetchNode, PlanNode } from '@apollo/query-planner';

/**
 * The fetches of a plan that nothing later in it waits for: the last step of every Sequence
 * they are in, however nested. A leaf's answer only fills in the data; no fetch takes
 * representations from it, so sending it a little later delays no other fetch.
 */
export function leafFetches(node: PlanNode | undefined): WeakSet<FetchNode> {
  const leaves = new WeakSet<FetchNode>();
  const walk = (at: PlanNode | undefined, followed: boolean): void => {
    if (!at) return;
    switch (at.kind) {
      case 'Fetch':
        if (!followed) leaves.add(at);
        return;
      case 'Sequence':
        at.nodes.forEach((child, i) => walk(child, followed || i < at.nodes.length - 1));
        return;
      case 'Parallel':
        for (const child of at.nodes) walk(child, followed);
        return;
      case 'Flatten':
        return walk(at.node, followed);
      case 'Condition':
        walk(at.ifClause, followed);
        walk(at.elseClause, followed);
        return;
      default:
        // @defer: not executed by this gateway; its fetches count as awaited.
        return;
    }
  };
  walk(node, false);
  return leaves;
}
