import { existsSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { devSignInConfig, type DevSignIn } from './dev-sign-in.ts';
import { gatewayProxy } from './gateway-proxy.ts';

/** What `npm run build -w web` writes: the site, and the manifest of its operations. */
export const webDist = new URL('../../../web/dist/', import.meta.url).pathname;
export const spaManifestPath = join(webDist, 'persisted-query-manifest.json');

export interface SiteOptions {
  /** 0: any free port. */
  port: number;
  /** Loopback only: the development sign-in signs in anyone who can reach it. */
  host?: string;
  /** @default web/dist */
  distDir?: string;
  /** The gateway's `/graphql` URL, served at the site's own `/graphql`. */
  gatewayUrl: string;
  signIn: DevSignIn;
}

export interface Site {
  url: string;
  stop(): Promise<void>;
}

const securityHeaders = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin', 'x-frame-options': 'DENY' };

function notBuilt(res: ServerResponse) {
  const body = '<!doctype html><html lang="en"><title>Storefront not built</title><h1>The storefront is not built</h1><p>Run <code>npm run build -w web</code>, then reload.</p></html>';
  res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
}

/**
 * The storefront as CloudFront serves it on AWS, for `npm start`: the built SPA (hashed assets
 * cached a year, `index.html` revalidated), `/graphql` passed to the gateway on the same origin,
 * `/config.json`, and the development sign-in.
 */
export async function serveSite(options: SiteOptions): Promise<Site> {
  const distDir = options.distDir ?? webDist;
  const proxy = gatewayProxy(options.gatewayUrl);
  const files = sirv(distDir, {
    single: true,
    etag: true,
    // Reads the folder on each request: a rebuild of the SPA is served without a restart.
    dev: true,
    setHeaders: (res, pathname) => res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const config = JSON.stringify({ graphqlPath: '/graphql', auth: devSignInConfig });

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://site.invalid');
    if (url.pathname === '/graphql') return proxy.forward(req, res);
    if (url.pathname === '/config.json') {
      return void res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' }).end(config);
    }
    options.signIn.handle(req, res, url).then(
      (handled) => {
        if (handled) return;
        if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
        if (!existsSync(join(distDir, 'index.html'))) return notBuilt(res);
        files(req, res, () => void res.writeHead(404).end());
      },
      () => {
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`the storefront's port ${options.port} is in use (set WEB_PORT)`) : error),
    );
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    stop: () =>
      new Promise((resolve) => {
        proxy.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
