import type { TraceSummary } from './assemble.ts';
import type { CollectorStats } from './collector-stats.ts';
import { escapeHtml, htmlPage } from './html.ts';
import { formatMs } from './span-details.ts';

/** `/`: the latest traces, newest first, refreshed every few seconds while open. */
export function renderListPage(summaries: TraceSummary[], stats: CollectorStats): string {
  const rows = summaries.map(
    (trace) => `<tr>
<td class="mono">${escapeHtml(clock(trace.startMs))}</td>
<td class="mono"><a href="/trace/${escapeHtml(trace.traceId)}">${escapeHtml(trace.traceId)}</a></td>
<td>${escapeHtml(trace.rootName)}</td>
<td>${trace.operation === undefined ? '<span class="muted">—</span>' : escapeHtml(trace.operation)}</td>
<td class="num">${escapeHtml(formatMs(trace.durationMs))}</td>
<td class="num">${trace.spanCount}</td>
<td>${statusBadge(trace)}</td>
</tr>`,
  );
  const table =
    summaries.length === 0
      ? '<p class="muted">No traces yet. Send segments or OTLP spans to the addresses above, or run a query through the gateway.</p>'
      : `<table>
<thead><tr><th>started</th><th>trace ID</th><th>root</th><th>operation</th><th class="num">duration</th><th class="num">spans</th><th>status</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  const body = `<h1>Traces</h1>
<p class="muted">Latest ${summaries.length} traces received on UDP ${escapeHtml(stats.udpAddress)} and OTLP/HTTP ${escapeHtml(stats.otlpUrl)}/v1/traces, newest first.</p>
${table}
<footer class="muted">${stats.datagrams} datagrams received, ${stats.malformed} malformed ignored; ${stats.otlpRequests} OTLP requests, ${stats.otlpRefused} refused, ${stats.otlpRejectedSpans} spans rejected; ${stats.droppedTraces} older traces dropped.
<a href="/api/traces">JSON</a></footer>`;
  return htmlPage('Traces', body, '<meta http-equiv="refresh" content="5">\n');
}

export function statusBadge(trace: TraceSummary): string {
  if (trace.fault) return '<span class="badge bad">fault</span>';
  if (trace.error) return '<span class="badge bad">error</span>';
  if (trace.inProgress) return '<span class="badge open">in progress</span>';
  return '<span class="badge">ok</span>';
}

/** Local wall-clock time with milliseconds, for telling recent traces apart. */
function clock(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}
