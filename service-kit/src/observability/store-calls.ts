import { countInRequest } from './request-scope.ts';

/** Which store a round trip went to; `operation` is e.g. "select", "BatchGetItem". */
export interface StoreCall {
  store: 'postgres' | 'dynamodb';
  operation: string;
}

export type StoreCallListener = (call: StoreCall) => void;

/**
 * Counts round trips to the stores: per process (tests, metrics) and per request (so a
 * response can say what it cost). Every store adapter reports here.
 */
export class StoreCallCounter {
  private readonly listeners = new Set<StoreCallListener>();
  total = 0;

  record(call: StoreCall): void {
    this.total += 1;
    countInRequest({ storeRoundTrips: 1 });
    for (const listener of this.listeners) listener(call);
  }

  onCall(listener: StoreCallListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The process's counter: one per service process. */
export const storeCalls = new StoreCallCounter();
