import { describe, expect, it } from 'vitest';
import { assembleDocuments, newId, newTraceId, sampleTrace } from '../test-support/sample-trace.ts';
import { renderListPage } from './list-page.ts';
import { renderTracePage } from './trace-page.ts';

const stats = { udpAddress: '127.0.0.1:2000', otlpUrl: 'http://127.0.0.1:4318', datagrams: 7, malformed: 1, droppedTraces: 0, otlpRequests: 0, otlpRefused: 0, otlpRejectedSpans: 0 };
const hostile = '<img src=x onerror=alert(1)>"\'&';

describe('viewer pages', () => {
  it('list the traces with root, operation, duration, span count and status', () => {
    const trace = assembleDocuments(sampleTrace({ fault: true }).documents)[0]!;
    const html = renderListPage([trace.summary], stats);
    expect(html).toContain(`<a href="/trace/${trace.summary.traceId}">`);
    expect(html).toMatch(/<td>gateway<\/td>\s*<td>TopProducts<\/td>\s*<td class="num">42\.0 ms<\/td>\s*<td class="num">18<\/td>\s*<td><span class="badge bad">fault<\/span><\/td>/);
    expect(html).toContain('7 datagrams received, 1 malformed ignored');
  });

  it('place each bar by start and end relative to the trace, indented by depth', () => {
    const sample = sampleTrace({ startSeconds: 1_700_000_000 });
    const html = renderTracePage(assembleDocuments(sample.documents)[0]!);
    const row = (id: string) => {
      const at = html.indexOf(`data-span-id="${id}"`);
      return html.slice(html.lastIndexOf('<div class="row', at), html.indexOf('<div class="dur"', at));
    };
    expect(row(sample.ids.gateway)).toMatch(/padding-left:0rem.*left:0\.000%;width:100\.000%/s);
    // The products fetch runs from 2 to 12 ms of 42.
    expect(row(sample.ids.fetch.products)).toMatch(/padding-left:1\.1rem.*class="bar remote" style="left:4\.762%;width:23\.810%"/s);
    expect(row(sample.ids.subgraph.products)).toMatch(/padding-left:2\.2rem.*class="bar service"/s);
    expect(html).toContain('<span class="detail">BatchGetItem products</span>');
    expect(html).toContain('<span class="detail">cache=miss</span>');
    expect(html).toMatch(/class="bar db"/);
  });

  it('mark failed spans red', () => {
    const sample = sampleTrace({ fault: true });
    const html = renderTracePage(assembleDocuments(sample.documents)[0]!);
    expect(html).toMatch(new RegExp(`class="row label error"[^>]*data-span-id="${sample.ids.fetch.accounts}"`));
    expect(html).toMatch(/class="bar remote error"/);
  });

  it('escape everything a segment carries', () => {
    const traceId = newTraceId();
    const trace = assembleDocuments([
      { trace_id: traceId, id: newId(), name: hostile, start_time: 1_700_000_000, end_time: 1_700_000_000.001, annotations: { [hostile]: hostile, operation_name: hostile }, sql: { sanitized_query: hostile } },
    ])[0]!;
    for (const html of [renderTracePage(trace), renderListPage([trace.summary], stats)]) {
      expect(html).not.toContain('<img');
      expect(html).not.toMatch(/"'&(?!#)/);
      expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;');
    }
  });
});
