import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AssembledTrace } from './assemble.ts';
import type { CollectorStats } from './collector-stats.ts';
import { escapeHtml, htmlPage } from './html.ts';
import { renderListPage } from './list-page.ts';
import { renderTracePage } from './trace-page.ts';

/** What the pages read: the collector's traces as they are at the time of the request. */
export interface TraceSource {
  traces(): AssembledTrace[];
  trace(traceId: string): AssembledTrace | undefined;
  stats(): CollectorStats;
}

// The pages have no scripts and load nothing: whatever a segment name holds, it stays text.
const securityHeaders = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const tracePath = /^\/trace\/(1-[0-9a-f]{8}-[0-9a-f]{24})$/i;
const apiTracePath = /^\/api\/traces\/(1-[0-9a-f]{8}-[0-9a-f]{24})$/i;

/** The viewer: `/`, `/trace/<id>`, `/api/traces`, `/api/traces/<id>`; read-only, GET and HEAD. */
export function createViewerServer(source: TraceSource): Server {
  return createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    const path = (request.url ?? '/').split('?')[0]!;
    if (path === '/') return send(response, 200, html, renderListPage(source.traces().map((t) => t.summary), source.stats()));
    if (path === '/api/traces') return send(response, 200, json, JSON.stringify(source.traces().map((t) => t.summary)));
    const pageId = tracePath.exec(path)?.[1];
    if (pageId) {
      const trace = source.trace(pageId);
      if (trace) return send(response, 200, html, renderTracePage(trace));
      return notFound(response, `No trace ${pageId} (yet): it may not have arrived, or it was dropped for newer ones.`);
    }
    const apiId = apiTracePath.exec(path)?.[1];
    const trace = apiId === undefined ? undefined : source.trace(apiId);
    if (trace) return send(response, 200, json, JSON.stringify(trace));
    if (path.startsWith('/api/')) return send(response, 404, json, JSON.stringify({ error: 'not found' }));
    return notFound(response, 'Not found.');
  });
}

const html = 'text/html; charset=utf-8';
const json = 'application/json; charset=utf-8';

function notFound(response: ServerResponse, message: string): void {
  send(response, 404, html, htmlPage('Not found', `<p><a href="/">← all traces</a></p><p>${escapeHtml(message)}</p>`));
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { ...securityHeaders, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
