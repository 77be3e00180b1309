import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import Negotiator from 'negotiator';
import type { BundleManifest } from './bundle.ts';
import { ASSET_PATH, SECURITY_HEADERS } from './ide-page.ts';

/** A GET route of the HTTP front; `false`: not answered, GraphQL takes the request. */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void | false>;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Every name carries its content's hash: a new build is new URLs, so a file never changes under its name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * One route per file of the bundle, and only those: no path from the request reaches the file
 * system. Gzipped (as built) for clients that accept it.
 */
export function assetRoutes(manifest: BundleManifest, dir: URL): Record<string, Route> {
  return Object.fromEntries(
    manifest.files.map((file) => {
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      const route: Route = async (req, res) => {
        const gzip = new Negotiator(req).encoding(['gzip', 'identity']) === 'gzip';
        const body = await readFile(new URL(gzip ? `${file}.gz` : file, dir));
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': type,
          'cache-control': IMMUTABLE,
          vary: 'accept-encoding',
          'content-length': body.length,
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        });
        res.end(body);
      };
      return [`${ASSET_PATH}${file}`, route];
    }),
  );
}

// What the GraphQL endpoint can answer, in Apollo Server's order: a browser's Accept picks text/html.
const MEDIA_TYPES = ['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html'];

/** The request is a browser asking for a page, by the same test Apollo Server uses for its landing page. */
export function prefersHtml(req: IncomingMessage): boolean {
  return req.method === 'GET' && Boolean(req.headers.accept) && new Negotiator(req).mediaType(MEDIA_TYPES) === 'text/html';
}
