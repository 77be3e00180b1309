import { AsyncLocalStorage } from 'node:async_hooks';

/** Which store a round trip went to; `operation` is e.g. "query", "BatchGetItem". */
export interface StoreCall {
  store: 'postgres' | 'dynamodb' | 'redis';
  operation: string;
}

export type StoreCallListener = (call: StoreCall) => void;

/**
 * Counts round trips to the stores: per process (for tests and metrics) and per request
 * (so a response can say what it cost). Every store adapter reports here.
 */
export class StoreCallCounter {
  private readonly scope = new AsyncLocalStorage<StoreCall[]>();
  private readonly listeners = new Set<StoreCallListener>();
  total = 0;

  record(call: StoreCall): void {
    this.total += 1;
    this.scope.getStore()?.push(call);
    for (const listener of this.listeners) listener(call);
  }

  /** Runs `fn` collecting the calls it makes (including async work it starts). */
  track<T>(fn: () => T): { calls: StoreCall[]; result: T } {
    const calls: StoreCall[] = [];
    return { calls, result: this.scope.run(calls, fn) };
  }

  /** The calls of the request being served, when inside track(). */
  current(): StoreCall[] | undefined {
    return this.scope.getStore();
  }

  onCall(listener: StoreCallListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The process's counter: one per service process. */
export const storeCalls = new StoreCallCounter();
