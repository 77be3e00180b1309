/**
 * Calls under one key that overlap in time share the first one's promise: the first caller
 * runs the work, the others wait for it. The key is forgotten as soon as the work settles, so
 * nothing is ever served after the fact (no caching, only sharing).
 */
export class InFlight<T> {
  readonly #running = new Map<string, Promise<T>>();

  /** `work`'s promise, or the one already running under `key`; `shared` says which. */
  run(key: string, work: () => Promise<T>): { promise: Promise<T>; shared: boolean } {
    const running = this.#running.get(key);
    if (running) return { promise: running, shared: true };
    const promise = work().finally(() => this.#running.delete(key));
    this.#running.set(key, promise);
    return { promise, shared: false };
  }

  /** Keys in flight now. */
  get size(): number {
    return this.#running.size;
  }
}
