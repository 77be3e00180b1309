import type { BundleManifest } from './bundle.ts';
import { PAGE_CONFIG_ID, type IdePageConfig } from './page-config.ts';

/** Where the bundle's files are served; under /graphql, so a CDN routing `/graphql*` to the gateway serves them too. */
export const ASSET_PATH = '/graphql/ide/';

/**
 * Nothing but the gateway's own origin. Scripts only from files (the page's settings are a JSON
 * data block, never run). Styles also inline: Monaco renders with `style` attributes and writes
 * `<style>` elements at run time, which no nonce can cover (with `style-src 'self'` Chromium
 * refuses hundreds of them and the editor breaks). GraphiQL's fonts and icons are `data:` URLs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with the page and every file of the bundle (a worker's script gets its policy from its own response). */
export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

// Relative to the page at /graphql, so the IDE also works behind a proxy that adds a path prefix.
const asset = (file: string) => `${ASSET_PATH.slice(1)}${file}`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The IDE's HTML: GraphiQL's script and styles from the bundle, and the settings it starts with. */
export function renderIdePage(manifest: BundleManifest, headers: string): string {
  const config: IdePageConfig = {
    headers,
    workers: {
      editor: asset(manifest.workers.editor),
      json: asset(manifest.workers.json),
      graphql: asset(manifest.workers.graphql),
    },
  };
  // `<` escaped: no value can close the data block.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · Tributary gateway</title>
<link rel="icon" href="data:,">
${manifest.styles.map((file) => `<link rel="stylesheet" href="${escapeHtml(asset(file))}">`).join('\n')}
<script type="module" src="${escapeHtml(asset(manifest.script))}"></script>
<script type="application/json" id="${PAGE_CONFIG_ID}">${json}</script>
</head>
<body>
<div id="graphiql"><noscript>GraphiQL needs JavaScript.</noscript></div>
</body>
</html>
`;
}
