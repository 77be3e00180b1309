import { spansInOrder, type AssembledTrace, type SpanNode } from './assemble.ts';
import { escapeHtml, htmlPage } from './html.ts';
import { statusBadge } from './list-page.ts';
import { formatMs, spanDetails } from './span-details.ts';

/**
 * `/trace/<id>`: the waterfall. One row per span, indented by nesting, its bar placed by start
 * and end time relative to the trace's start; bars coloured by what the span is (a service, a
 * remote call, an AWS call, a database query), errors and faults in red.
 */
export function renderTracePage(trace: AssembledTrace): string {
  const { summary } = trace;
  const total = summary.durationMs;
  const percent = (ms: number) => (total > 0 ? Math.min(100, Math.max(0, (ms / total) * 100)) : 0).toFixed(3);
  const rows: string[] = [];
  for (const node of spansInOrder(trace)) {
    const details = spanDetails(node);
    const bad = node.error || node.fault;
    const end = node.endMs ?? summary.startMs + total;
    const classes = ['bar', category(node), bad ? 'error' : '', node.inProgress ? 'open' : ''].filter(Boolean).join(' ');
    const title = [node.name, ...details].join(' · ');
    rows.push(`<div class="row label${bad ? ' error' : ''}" style="padding-left:${Math.min(node.depth, 20) * 1.1}rem" title="${escapeHtml(title)}" data-span-id="${escapeHtml(node.id)}">\
<span class="name">${escapeHtml(node.name)}</span>${details
      .map((detail, i) => `<span class="detail${i === 0 && bad ? ' flag' : ''}">${escapeHtml(detail)}</span>`)
      .join('')}</div>
<div class="track"><div class="${classes}" style="left:${percent(node.startMs - summary.startMs)}%;width:${percent(end - node.startMs)}%"></div></div>
<div class="dur">${node.endMs === undefined ? '…' : escapeHtml(formatMs(node.endMs - node.startMs))}</div>`);
  }
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((fraction) => `<span style="left:${(fraction * 100).toFixed(0)}%">${escapeHtml(formatMs(total * fraction))}</span>`)
    .join('');
  const heading = [summary.rootName, summary.operation].filter((part) => part !== undefined && part !== '').join(' · ');
  const body = `<p><a href="/">← all traces</a></p>
<h1>${escapeHtml(heading || summary.traceId)}</h1>
<p class="muted"><span class="mono">${escapeHtml(summary.traceId)}</span> · ${escapeHtml(formatMs(total))} · ${summary.spanCount} spans${
    summary.droppedSpans > 0 ? ` (${summary.droppedSpans} more dropped)` : ''
  } · ${statusBadge(summary)} · <a href="/api/traces/${escapeHtml(summary.traceId)}">JSON</a></p>
<p class="legend">${legend}</p>
<div class="waterfall">
<div class="muted">span</div><div class="axis">${ticks}</div><div class="dur">duration</div>
${rows.join('\n')}
</div>`;
  return htmlPage(`${heading || 'Trace'} ${summary.traceId}`, body);
}

const legend = [
  ['service', 'service (segment)'],
  ['remote', 'remote call'],
  ['aws', 'AWS call'],
  ['db', 'SQL query'],
  ['local', 'local work'],
  ['error', 'error or fault'],
]
  .map(([kind, label]) => `<span class="swatch ${kind}"></span>${label}`)
  .join('');

function category(node: SpanNode): string {
  if (node.kind === 'segment') return 'service';
  if (node.sql) return 'db';
  if (node.aws || node.namespace === 'aws') return 'aws';
  if (node.namespace === 'remote') return 'remote';
  return 'local';
}
