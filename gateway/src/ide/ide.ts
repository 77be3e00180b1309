import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Logger } from '@tributary/service-kit';
import { bundleDir, readManifest } from './bundle.ts';
import { parseDefaultHeaders } from './default-headers.ts';
import { assetRoutes, prefersHtml, type Route } from './ide-assets.ts';
import type { IdeKind } from './ide-kind.ts';
import { renderIdePage, SECURITY_HEADERS } from './ide-page.ts';

/** The IDE a browser gets at /graphql. */
export interface IdeOptions {
  /**
   * Which IDE: `graphiql` (bundled with the gateway: no request leaves its origin), `sandbox`
   * (Apollo Sandbox, from Apollo's CDN: needs the internet) or `none` (a browser gets what any
   * GET without a query gets). Only `none` goes with introspection off. CLI: `IDE`.
   * @default "graphiql", or "none" when introspection is off (NODE_ENV=production)
   */
  kind?: IdeKind;
  /**
   * The headers editor's first text: a JSON object of headers; whole lines starting with `//`
   * are comments, e.g. how to get a token. `npm start` puts a development token here.
   * CLI: `IDE_DEFAULT_HEADERS`.
   * @default undefined: no headers
   */
  defaultHeaders?: string;
}

export interface Ide {
  /** Apollo Server's landing page: Sandbox when chosen, else none, so Apollo serves no page of its own. */
  plugin: ApolloServerPlugin;
  /** GET routes for the HTTP front: the page at /graphql (for browsers only) and its files. */
  routes: Record<string, Route>;
}

const sendText = (status: number, text: string): Route => async (req, res) => {
  if (!prefersHtml(req)) return false;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

/**
 * The IDE of `options.kind`, checked against the gateway's introspection (no IDE without it);
 * GraphiQL's files come from the bundle in `bundle` (built by `npm run build`).
 */
export function createIde(options: IdeOptions, introspection: boolean, logger: Logger, bundle: URL = bundleDir): Ide {
  const { kind = introspection ? 'graphiql' : 'none', defaultHeaders = '' } = options;
  if (!introspection && kind !== 'none') throw new Error(`ide.kind ${kind} needs introspection, which is off (NODE_ENV=production): use none`);
  // A token has no business in production: there, refuse it rather than ignore it.
  if (!introspection && defaultHeaders) throw new Error('ide.defaultHeaders are for an IDE, and introspection is off (NODE_ENV=production): leave them out');
  let headers: Record<string, string>;
  try {
    headers = parseDefaultHeaders(defaultHeaders);
  } catch (error) {
    throw new Error(`ide.defaultHeaders ${(error as Error).message}`);
  }
  if (kind === 'none') return { plugin: ApolloServerPluginLandingPageDisabled(), routes: {} };
  if (kind === 'sandbox') {
    return {
      plugin: ApolloServerPluginLandingPageLocalDefault({ embed: { runTelemetry: false }, includeCookies: false, footer: false, headers }),
      routes: {},
    };
  }
  const manifest = readManifest(bundle);
  const disabled = ApolloServerPluginLandingPageDisabled();
  if (!manifest) {
    logger.warn('the GraphiQL bundle is not built (npm run build): /graphql serves no IDE');
    return { plugin: disabled, routes: { '/graphql': sendText(503, 'The GraphiQL bundle is not built: run `npm run build`, then restart the gateway.\n') } };
  }
  const html = renderIdePage(manifest, defaultHeaders);
  const page: Route = async (req, res) => {
    if (!prefersHtml(req)) return false;
    // The page names the bundle's current files: always ask again, then load those from cache.
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(html) });
    res.end(html);
  };
  return { plugin: disabled, routes: { '/graphql': page, ...assetRoutes(manifest, bundle) } };
}
