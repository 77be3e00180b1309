import type { SupergraphSdlHook, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import type { Logger } from '@tributary/service-kit';
import type { LoadedSupergraph, SupergraphSource } from './supergraph.ts';
import { watchFiles } from './watch-files.ts';

/** Lets an editor's or a deploy's burst of writes settle into one reload. */
const WATCH_DEBOUNCE_MS = 100;

export type ReloadResult = { status: 'updated' | 'unchanged' } | { status: 'failed'; error: Error };

export interface HotReloadOptions {
  source: SupergraphSource;
  /** Reload when a file the supergraph came from changes. */
  watch: boolean;
  /** Reload every this many ms; 0 turns polling off. */
  pollIntervalMs: number;
  logger: Logger;
}

export interface HotReload {
  /** For ApolloGateway's `supergraphSdl`: the first load, then every reload through `update`. */
  supergraphSdl: SupergraphSdlHook;
  /** Loads the source again and swaps the schema if it changed; on failure the last good one stays. */
  reload(reason: string): Promise<ReloadResult>;
  /** The supergraph being served, once one is. */
  current(): LoadedSupergraph | undefined;
}

/**
 * Swapping goes through ApolloGateway's `update`: requests already planned keep the schema and
 * plan they started with, new ones get the new schema, so nothing in flight is dropped.
 */
export function hotReload({ source, watch, pollIntervalMs, logger }: HotReloadOptions): HotReload {
  let update: SupergraphSdlUpdateFunction | undefined;
  let current: LoadedSupergraph | undefined;
  let stopWatching = () => {};
  let watchedFiles = '';
  // One reload at a time, in order: a SIGHUP during a file-triggered reload runs after it.
  let queue: Promise<unknown> = Promise.resolve();

  const watchSources = (files: string[]) => {
    if (!watch || files.join('\n') === watchedFiles) return;
    stopWatching();
    watchedFiles = files.join('\n');
    stopWatching = watchFiles(files, WATCH_DEBOUNCE_MS, () => void reload('file changed'), (error) =>
      logger.warn({ err: error }, 'watching the supergraph files failed; reload with SIGHUP'),
    );
  };

  const apply = async (reason: string): Promise<ReloadResult> => {
    if (!update) return { status: 'failed', error: new Error('no supergraph is loaded yet') };
    try {
      const loaded = await source.load();
      watchSources(loaded.files);
      if (loaded.supergraphSdl === current?.supergraphSdl) return { status: 'unchanged' };
      update(loaded.supergraphSdl);
      current = loaded;
      logger.info({ reason, subgraphs: loaded.subgraphs.map((s) => s.name) }, `reloaded the ${source.description}`);
      return { status: 'updated' };
    } catch (error) {
      logger.error({ reason }, `reload failed, still serving the last good supergraph: ${(error as Error).message}`);
      return { status: 'failed', error: error as Error };
    }
  };

  const reload = (reason: string): Promise<ReloadResult> => {
    const run = queue.then(() => apply(reason));
    queue = run;
    return run;
  };

  const supergraphSdl: SupergraphSdlHook = async (hook) => {
    const loaded = await source.load();
    update = hook.update;
    current = loaded;
    watchSources(loaded.files);
    const poll = pollIntervalMs > 0 ? setInterval(() => void reload('poll'), pollIntervalMs).unref() : undefined;
    return {
      supergraphSdl: loaded.supergraphSdl,
      async cleanup() {
        clearInterval(poll);
        stopWatching();
        update = undefined;
      },
    };
  };

  return { supergraphSdl, reload, current: () => current };
}
