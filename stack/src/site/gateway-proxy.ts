import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

// Headers of one connection, not of the request (RFC 9110 §7.6.1): never forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

const endToEnd = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

export interface GatewayProxy {
  forward(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

/**
 * Passes `/graphql` requests to the gateway unchanged, as CloudFront does on AWS, so the site and
 * its API share one origin: no CORS, and the gateway's Cache-Control and X-Amzn-Trace-Id reach
 * the browser as they are.
 */
export function gatewayProxy(gatewayUrl: string): GatewayProxy {
  const target = new URL(gatewayUrl);
  const agent = new Agent({ keepAlive: true });
  return {
    forward(req, res) {
      const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
      const upstream = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...endToEnd(req.headers), host: target.host, 'x-forwarded-for': forwardedFor },
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (res.headersSent) return void res.destroy();
        const body = JSON.stringify({ errors: [{ message: 'The gateway is not reachable', extensions: { code: 'BAD_GATEWAY' } }] });
        res.writeHead(502, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      });
      req.pipe(upstream);
    },
    close: () => agent.destroy(),
  };
}
