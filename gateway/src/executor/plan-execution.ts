import type { PlanNode } from '@apollo/query-planner';
import { moveInto, type Cursor } from './cursor.ts';
import type { ExecutionContext } from './execution-context.ts';
import { executeFetch } from './fetch.ts';

/**
 * Walks a query plan: sequences in order, parallel branches at once, flattens into the data
 * fetched so far, conditions on the client's variables. A failed fetch is an error of the
 * answer; the rest of the plan still runs.
 */
export async function executeNode(context: ExecutionContext, node: PlanNode, cursor: Cursor | undefined): Promise<void> {
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(context, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(context, child, cursor)));
      return;
    case 'Flatten':
      return executeNode(context, node.node, moveInto(cursor, node.path));
    case 'Fetch':
      try {
        await executeFetch(context, node, cursor);
      } catch (error) {
        context.errors.push(error as never);
      }
      return;
    case 'Condition': {
      const branch = context.coercedVariables[node.condition] === true ? node.ifClause : node.elseClause;
      if (branch) await executeNode(context, branch, cursor);
      return;
    }
    case 'Defer':
      throw new Error('@defer support is not available in the gateway');
  }
}
