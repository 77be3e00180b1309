import { spansInOrder, type AssembledTrace, type SpanNode } from './assemble.ts';
import { formatMs, spanDetails } from './span-details.ts';

export interface TextWaterfallOptions {
  /** Total line width in columns. */
  width?: number;
  /** ANSI colours: errors and faults in red, in-progress spans dim. */
  color?: boolean;
}

const labelWidth = 34;
const durationWidth = 9;

/**
 * A compact waterfall for the terminal: one line per span, indented by nesting, a bar placed by
 * start and end time relative to the trace's start, the duration, then the span's details.
 */
export function renderTextWaterfall(trace: AssembledTrace, options: TextWaterfallOptions = {}): string {
  const width = Math.max(options.width ?? 120, 60);
  const color = options.color ?? false;
  const { summary } = trace;
  const barWidth = Math.max(10, Math.min(40, width - labelWidth - durationWidth - 40));
  const scale = summary.durationMs > 0 ? barWidth / summary.durationMs : 0;
  const flags = [summary.fault && 'FAULT', summary.error && 'ERROR', summary.inProgress && 'in progress'].filter(Boolean);
  const heading = [
    summary.traceId,
    summary.rootName,
    summary.operation,
    formatMs(summary.durationMs),
    `${summary.spanCount} spans`,
    summary.droppedSpans > 0 ? `${summary.droppedSpans} dropped` : undefined,
    ...flags,
  ].filter((part) => part !== undefined && part !== false && part !== '');
  const lines = [clipLine(heading.map((part) => terminalSafe(String(part))).join(' · '), width)];
  for (const node of spansInOrder(trace)) {
    const label = `${'  '.repeat(Math.min(node.depth, 12))}${terminalSafe(node.name)}`;
    const from = Math.min(barWidth - 1, Math.floor((node.startMs - summary.startMs) * scale));
    const end = node.endMs ?? summary.startMs + summary.durationMs;
    const length = Math.max(1, Math.min(barWidth - from, Math.round((end - node.startMs) * scale)));
    const bar = ' '.repeat(from) + (node.inProgress ? '░' : '█').repeat(length) + ' '.repeat(barWidth - from - length);
    const duration = node.endMs === undefined ? '…' : formatMs(node.endMs - node.startMs);
    const details = spanDetails(node).map(terminalSafe).join('  ');
    const line = clipLine(`${pad(label, labelWidth)} ${bar} ${duration.padStart(durationWidth)}  ${details}`.trimEnd(), width);
    lines.push(paint(line, node, color));
  }
  return lines.join('\n');
}

function paint(line: string, node: SpanNode, color: boolean): string {
  if (!color) return line;
  if (node.error || node.fault) return `\x1b[31m${line}\x1b[0m`;
  if (node.inProgress) return `\x1b[2m${line}\x1b[0m`;
  return line;
}

/**
 * Span names and annotations come from whoever can send a datagram: control characters (ANSI
 * escapes among them) and bidirectional overrides must not reach the terminal.
 */
export const terminalSafe = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '�');

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
const clipLine = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
