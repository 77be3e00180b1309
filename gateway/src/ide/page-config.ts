/**
 * What the gateway tells the IDE page, as JSON in a `<script type="application/json">` block
 * (data, not code, so the page's Content-Security-Policy needs no inline script).
 */
export interface IdePageConfig {
  /** The headers editor's first text (JSON, `//` comment lines allowed), e.g. a development token. */
  headers: string;
  /** URL of each Monaco web worker by its label (`editor`, `json`, `graphql`), relative to the page. */
  workers: Record<'editor' | 'json' | 'graphql', string>;
}

/** The id of the element holding the page's IdePageConfig. */
export const PAGE_CONFIG_ID = 'tributary-ide-config';
