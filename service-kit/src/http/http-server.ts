import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Identity } from '../identity/signed-identity.ts';
import { corsDecision, type CorsOptions } from './cors.ts';
import type { Logger } from '../observability/logger.ts';
import { HttpError, parseJsonBody, readBody } from './http-body.ts';
import { httpDuration, httpRequests, metricsRoute } from '../observability/metrics.ts';
import { emptyRequestMetrics, recordRefusal, requestMetricLines, type EmfOptions } from '../observability/request-metrics.ts';
import { emptyStats, runInRequestScope, type RequestScope } from '../observability/request-scope.ts';
import type { Tracer } from '../observability/tracing.ts';

export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the per-request GraphQL context (loaders, …) for the caller `authenticate` verified. */
  context: (req: IncomingMessage, viewer: Identity | null) => Promise<TContext>;
  /**
   * Who the caller of a GraphQL request is: null when anonymous. Throws an HttpError (401) when
   * the request carries credentials that do not verify, so it is answered before any GraphQL work.
   * @default every request is anonymous
   */
  authenticate?: (req: IncomingMessage) => Promise<Identity | null>;
  /** Readiness: the dependencies this service cannot serve without. */
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** @default 1 MiB */
  bodyLimit?: number;
  /**
   * Most operations one POST may batch as a JSON array; longer arrays get 400 before any is
   * parsed. Whether arrays are accepted at all is the Apollo server's `allowBatchedHttpRequests`.
   * @default no limit of its own
   */
  maxBatchSize?: number;
  /** Cross-origin browser access to /graphql; preflights are answered here. @default none: same origin only */
  cors?: CorsOptions;
  /** Traces every GraphQL request, continuing the caller's trace. */
  tracer?: Tracer;
  /**
   * Writes the GraphQL metrics of every request (graphql-metrics.ts) as CloudWatch embedded
   * metric format lines. @default off
   */
  emf?: EmfOptions;
  /**
   * Extra GET routes, e.g. /metrics, keyed by path. A route that resolves to `false` has not
   * answered: the request goes on as if it had none (e.g. a browser page at /graphql).
   */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void | false>>;
}

export interface HttpService {
  server: Server;
  /** The server's request listener, for mounting the service in another Node HTTP server. */
  handler: RequestListener;
  /** Set while draining: readiness answers 503 so load balancers stop sending traffic. */
  draining: boolean;
}

/**
 * How long a service keeps an idle keep-alive connection open. Above the gateway's idle socket
 * timeout (30 s by default) and an AWS ALB's 60 s, so a caller always closes an idle socket
 * before we do and never sends a request on a socket we are closing (`socket hang up`).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

let lastText = '';
let lastBytes = Buffer.alloc(0);

/**
 * A body's UTF-8 bytes, the last body's kept: requests answered with the very same string (the
 * gateway's deduplicated queries share one) are encoded once, not once per request. Comparing
 * the same string object is a pointer check; another body of another length costs nothing.
 */
function encoded(text: string): Buffer {
  if (text !== lastText) {
    lastText = text;
    lastBytes = Buffer.from(text, 'utf8');
  }
  return lastBytes;
}

/** The one HTTP front every service shares: /graphql, /health, /ready and any extra routes. */
export function createHttpServer<TContext extends BaseContext>(
  options: HttpServerOptions<TContext>,
): HttpService {
  const { apollo, context, readiness, logger } = options;
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const service = { draining: false } as HttpService;

  const routes: NonNullable<HttpServerOptions<TContext>['routes']> = { '/metrics': metricsRoute, ...options.routes };

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (url.pathname === '/health' && req.method === 'GET') {
      return sendJson(res, 200, { status: 'ok' });
    }
    if (url.pathname === '/ready' && req.method === 'GET') {
      if (service.draining) return sendJson(res, 503, { ready: false, checks: { server: 'draining' } });
      const report = await readiness();
      return sendJson(res, report.ready ? 200 : 503, report);
    }
    const extra = routes[url.pathname];
    if (extra && req.method === 'GET' && (await extra(req, res)) !== false) return;
    if (url.pathname !== '/graphql') {
      return sendJson(res, 404, { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
    }
    const cors = options.cors ? corsDecision(options.cors, req) : { headers: {}, refusedPreflight: false };
    for (const [name, value] of Object.entries(cors.headers)) res.setHeader(name, value);
    if (req.method === 'OPTIONS') {
      if (cors.refusedPreflight) {
        return sendJson(res, 403, { errors: [{ message: 'This origin may not call the API', extensions: { code: 'FORBIDDEN' } }] });
      }
      res.writeHead(204, { allow: 'GET, POST, OPTIONS' });
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST, OPTIONS');
      return sendJson(res, 405, { errors: [{ message: `Method ${req.method} is not allowed`, extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const viewer = (await options.authenticate?.(req)) ?? null;
    const isJson = (headers.get('content-type') ?? '').includes('json');
    const text = req.method === 'POST' ? await readBody(req, bodyLimit) : '';
    const body = isJson ? parseJsonBody(text) : text;
    if (options.maxBatchSize && Array.isArray(body) && body.length > options.maxBatchSize) {
      throw new HttpError(400, `A batch may carry at most ${options.maxBatchSize} operations, not ${body.length}`, 'BAD_REQUEST');
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
      context: () => context(req, viewer),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    // A request that was in flight when draining began: its keep-alive connection would hold the
    // drain open until the keep-alive timeout (65 s); closing it after this response ends it now.
    if (service.draining) res.setHeader('connection', 'close');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(encoded(response.body.string));
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  service.handler = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname in routes || ['/graphql', '/health', '/ready'].includes(url.pathname) ? url.pathname : 'other';
    const stopTimer = httpDuration.startTimer({ route });
    res.once('finish', () => {
      stopTimer();
      httpRequests.inc({ route, status: String(res.statusCode) });
    });
    const scope: RequestScope = { stats: emptyStats(), ...(options.emf && url.pathname === '/graphql' ? { metrics: emptyRequestMetrics() } : {}) };
    if (url.pathname === '/graphql') traceRequest(req, res, url, scope, options);
    const trace = scope.traceId ? { traceId: scope.traceId } : {};
    runInRequestScope(() => handle(req, res, url), scope).catch((error: unknown) => {
      if (error instanceof HttpError) {
        req.resume();
        if (error.status === 413) recordRefusal(error.code, scope.metrics);
        else scope.metrics?.errorCodes.add(error.code);
        return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code, ...trace } }] }, error.headers);
      }
      logger.error({ err: error, url: req.url, ...trace }, 'request failed');
      scope.metrics?.errorCodes.add('INTERNAL_SERVER_ERROR');
      if (!res.headersSent) {
        sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', ...trace } }] });
      } else {
        res.destroy();
      }
    });
  };
  service.server = createServer(service.handler);
  service.server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  service.server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  service.server.requestTimeout = 60_000;
  return service;
}

/**
 * Opens the request's segment (continuing an incoming X-Amzn-Trace-Id or W3C traceparent, or
 * starting a trace), answers with the trace's Root, and on finish closes the segment and logs
 * the request with its operation and duration.
 */
function traceRequest<TContext extends BaseContext>(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  scope: RequestScope,
  { tracer, logger, emf }: HttpServerOptions<TContext>,
): void {
  const started = performance.now();
  const span = tracer?.startSegment(req.headers);
  if (span) {
    scope.span = span;
    scope.traceId = span.traceId;
    // The Root only: a client learns the id to quote, not our span ids.
    res.setHeader('x-amzn-trace-id', `Root=${span.traceId}`);
  }
  res.once('finish', () => {
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    if (span) {
      span.http({ method: req.method ?? 'GET', url: url.pathname }, res.statusCode);
      if (res.statusCode >= 500) span.fault();
      else if (res.statusCode >= 400) span.flagError();
      span.close();
    }
    logger.info(
      { traceId: scope.traceId, operation: scope.operationName ?? null, status: res.statusCode, durationMs },
      'graphql request',
    );
    if (emf && scope.metrics) {
      const lines = requestMetricLines(scope.metrics, { service: emf.service, operationName: scope.operationName, latencyMs: durationMs, knownOperation: emf.knownOperation });
      (emf.write ?? ((text: string) => process.stdout.write(text)))(`${lines.join('\n')}\n`);
    }
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
