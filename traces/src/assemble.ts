import type { Span } from './span.ts';
import type { StoredTrace } from './trace-store.ts';

/** A span placed in its trace's tree: depth 0 is a root. */
export interface SpanNode extends Span {
  depth: number;
  children: SpanNode[];
}

export interface TraceSummary {
  traceId: string;
  /** Name of the root segment: the entry service, normally the gateway. */
  rootName: string;
  /** The GraphQL operation, from the root segment's annotations. */
  operation?: string;
  startMs: number;
  durationMs: number;
  spanCount: number;
  droppedSpans: number;
  error: boolean;
  fault: boolean;
  inProgress: boolean;
}

export interface AssembledTrace {
  summary: TraceSummary;
  /** Spans whose parent is not in the trace: normally the one root segment. */
  roots: SpanNode[];
}

/** Annotation names, in order of preference, the root segment may carry its operation name under. */
export const operationAnnotations = ['operation_name', 'operationName', 'operation'];

/**
 * Builds the span tree of one trace. A segment whose parent_id is another segment's subsegment
 * (a subgraph called by the gateway's fetch subsegment) nests under that subsegment. Spans whose
 * parent has not arrived (or never will) become roots; so do spans caught in a parent cycle,
 * which only a broken or hostile sender produces.
 */
export function assembleTrace(trace: StoredTrace): AssembledTrace {
  const nodes = new Map<string, SpanNode>();
  for (const span of trace.spans.values()) nodes.set(span.id, { ...span, depth: 0, children: [] });
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === undefined ? undefined : nodes.get(node.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const placed = new Set<SpanNode>();
  const place = (start: SpanNode[]) => {
    const pending = start.map((node): [SpanNode, number] => [node, 0]);
    while (pending.length > 0) {
      const [node, depth] = pending.pop()!;
      if (placed.has(node)) continue;
      placed.add(node);
      node.depth = depth;
      node.children.sort(byStart);
      for (const child of node.children) pending.push([child, depth + 1]);
    }
  };
  place(roots);
  for (const node of nodes.values()) {
    if (placed.has(node)) continue;
    // In a cycle: cut it at this node, so every span is shown exactly once.
    const parent = nodes.get(node.parentId!)!;
    parent.children.splice(parent.children.indexOf(node), 1);
    roots.push(node);
    place([node]);
  }
  roots.sort(byStart);
  return { summary: summarize(trace, roots), roots };
}

function summarize(trace: StoredTrace, roots: SpanNode[]): TraceSummary {
  const spans = [...trace.spans.values()];
  const root = roots.find((node) => node.kind === 'segment' && node.parentId === undefined) ?? roots[0];
  const startMs = Math.min(...spans.map((span) => span.startMs));
  const endMs = Math.max(...spans.map((span) => span.endMs ?? span.startMs));
  const operation = operationAnnotations.map((key) => root?.annotations[key]).find((value) => value !== undefined);
  const summary: TraceSummary = {
    traceId: trace.traceId,
    rootName: root?.name ?? '',
    startMs,
    durationMs: endMs - startMs,
    spanCount: spans.length,
    droppedSpans: trace.droppedSpans,
    error: spans.some((span) => span.error),
    fault: spans.some((span) => span.fault),
    inProgress: spans.some((span) => span.inProgress),
  };
  if (operation !== undefined) summary.operation = String(operation);
  return summary;
}

const byStart = (a: SpanNode, b: SpanNode) => a.startMs - b.startMs || a.name.localeCompare(b.name);

/** Every span of the trace in waterfall order: each parent, then its children by start time. */
export function* spansInOrder(trace: AssembledTrace): Generator<SpanNode> {
  const pending = [...trace.roots].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
  }
}
