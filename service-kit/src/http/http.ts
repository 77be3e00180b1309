// The HTTP front every service shares: /graphql, /health, /ready, /metrics, CORS and bodies.
export { createHttpServer, KEEP_ALIVE_TIMEOUT_MS, type HttpServerOptions, type HttpService, type Readiness } from './http-server.ts';
export { HttpError, parseJsonBody, readBody } from './http-body.ts';
export { corsDecision, type CorsDecision, type CorsOptions } from './cors.ts';
export { readinessOf, type Check } from './readiness.ts';
