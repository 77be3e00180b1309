// `npm run build` (gateway): bundles GraphiQL, its plugins and Monaco's workers from npm packages
// into dist/graphiql/, with content-hashed names and a gzip copy of each file.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { bundleDir, MANIFEST, type BundleManifest } from './bundle.ts';

const started = performance.now();
const outdir = fileURLToPath(bundleDir);
const workingDir = fileURLToPath(new URL('../../', import.meta.url));
const pageEntry = fileURLToPath(new URL('browser/main.ts', import.meta.url));
// Monaco's workers must match the editor GraphiQL runs: resolve them where @graphiql/react does.
const fromGraphiQL = createRequire(createRequire(import.meta.url).resolve('@graphiql/react'));
const workerEntries: BundleManifest['workers'] = {
  editor: fromGraphiQL.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
  json: fromGraphiQL.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
  graphql: fromGraphiQL.resolve('monaco-graphql/esm/graphql.worker.js'),
};

const common: BuildOptions = {
  absWorkingDir: workingDir,
  bundle: true,
  minify: true,
  outdir,
  metafile: true,
  target: ['chrome111', 'edge111', 'firefox114', 'safari16.4'],
  define: { 'process.env.NODE_ENV': '"production"' },
  assetNames: '[name]-[hash]',
  entryNames: '[name]-[hash]',
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
  legalComments: 'linked',
  logLevel: 'warning',
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const [page, workers] = await Promise.all([
  build({
    ...common,
    entryPoints: { ide: pageEntry },
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    // Only loaded for subscriptions over WebSocket, which the gateway does not serve.
    external: ['graphql-ws'],
  }),
  // Classic workers, each self-contained: nothing for them to import.
  build({ ...common, entryPoints: Object.entries(workerEntries).map(([label, path]) => ({ in: path, out: `${label}.worker` })), format: 'iife' }),
]);

/** The output esbuild wrote for the entry point at `path`. */
const outputOf = (metafile: Metafile, path: string) => {
  const found = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint && resolve(workingDir, output.entryPoint) === path);
  if (!found) throw new Error(`esbuild wrote nothing for ${path}`);
  return { file: basename(found[0]), css: found[1].cssBundle && basename(found[1].cssBundle) };
};
const main = outputOf(page.metafile!, pageEntry);
const files = await readdir(outdir);
const gzipped = promisify(gzip);
let bytes = 0;
await Promise.all(
  files.map(async (name) => {
    const content = await readFile(join(outdir, name));
    bytes += content.length;
    await writeFile(join(outdir, `${name}.gz`), await gzipped(content));
  }),
);
const manifest: BundleManifest = {
  script: main.file,
  // Lazily loaded chunks' style sheets only repeat rules of the page's own, so the page links this one.
  styles: main.css ? [main.css] : [],
  workers: {
    editor: outputOf(workers.metafile!, workerEntries.editor).file,
    json: outputOf(workers.metafile!, workerEntries.json).file,
    graphql: outputOf(workers.metafile!, workerEntries.graphql).file,
  },
  files,
};
await writeFile(join(outdir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`GraphiQL bundle: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, in ${relative(process.cwd(), outdir)} (${Math.round(performance.now() - started)} ms)`);
