export { startTraceCollector, type TraceCollector, type TraceCollectorOptions } from './collector.ts';
export type { AssembledTrace, SpanNode, TraceSummary } from './assemble.ts';
export type { CollectorStats } from './collector-stats.ts';
export type { Span } from './span.ts';
export { renderTextWaterfall, type TextWaterfallOptions } from './text-waterfall.ts';
