import { PAGE_CONFIG_ID, type IdePageConfig } from '../gateway/src/ide/page-config.ts';

/** A browser's Accept header: what makes /graphql answer with the IDE. */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** The settings the gateway's IDE page starts with, read from its HTML. */
export function idePageConfig(html: string): IdePageConfig {
  const block = new RegExp(`<script type="application/json" id="${PAGE_CONFIG_ID}">(.*?)</script>`, 's').exec(html);
  if (!block) throw new Error(`not the IDE page:\n${html.slice(0, 500)}`);
  return JSON.parse(block[1]!) as IdePageConfig;
}
