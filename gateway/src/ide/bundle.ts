import { readFileSync } from 'node:fs';

/**
 * Where `npm run build` puts the IDE's bundle: `dist/graphiql/` of the gateway package, the same
 * path from `src/ide/` and from the built `dist/ide/`, so the packed gateway serves it too.
 */
export const bundleDir = new URL('../../dist/graphiql/', import.meta.url);

/** What the build wrote, by role; every name carries a content hash. */
export interface BundleManifest {
  /** The page's module script. */
  script: string;
  /** Its style sheets. */
  styles: string[];
  /** Monaco's web workers by label. */
  workers: Record<'editor' | 'json' | 'graphql', string>;
  /** Every file the page may load (the above and their chunks, fonts, …), each also as `<name>.gz`. */
  files: string[];
}

export const MANIFEST = 'manifest.json';

/** The manifest of the bundle in `dir`, or undefined when it was not built. */
export function readManifest(dir: URL = bundleDir): BundleManifest | undefined {
  try {
    return JSON.parse(readFileSync(new URL(MANIFEST, dir), 'utf8')) as BundleManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
