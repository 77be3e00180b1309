import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` once a burst of changes to any of `files` has settled for `debounceMs`.
 * Watches their directories rather than the files: editors and deploy tools often replace a
 * file (write a new one, rename it over), which ends a watch on the file itself.
 * Returns a function that stops watching.
 */
export function watchFiles(files: string[], debounceMs: number, onChange: () => void, onError: (error: Error) => void): () => void {
  const namesByDir = new Map<string, Set<string>>();
  for (const file of files) {
    const names = namesByDir.get(dirname(file)) ?? new Set<string>();
    namesByDir.set(dirname(file), names.add(basename(file)));
  }
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [...namesByDir].map(([dir, names]) =>
    // Not persistent: watching alone must not keep an embedding process alive.
    watch(dir, { persistent: false }, (_event, name) => {
      if (name && !names.has(name.toString())) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    }).on('error', onError),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
