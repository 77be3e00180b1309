/** `graphiql`: bundled, served by the gateway itself; `sandbox`: Apollo's, loaded from Apollo's CDN; `none`. */
export const IDE_KINDS = ['graphiql', 'sandbox', 'none'] as const;
export type IdeKind = (typeof IDE_KINDS)[number];
