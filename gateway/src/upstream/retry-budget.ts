export interface RetryBudgetOptions {
  /** Retries allowed per request seen in the window, e.g. 0.1: at most one retry per ten requests. */
  ratio: number;
  /** The sliding window, in milliseconds. @default 10000 */
  windowMs?: number;
  /**
   * Retries allowed in a window whatever the traffic, so a quiet gateway can still retry a
   * blip; a failing subgraph then sees at most this many more requests per window. @default 3
   */
  minPerWindow?: number;
  /** @default Date.now */
  now?: () => number;
}

const BUCKETS = 10;

/**
 * Caps retries at a fraction of the requests of a sliding window, so that while a subgraph is
 * failing, retries add at most that fraction to its load instead of multiplying it.
 */
export class RetryBudget {
  readonly #ratio: number;
  readonly #minPerWindow: number;
  readonly #bucketMs: number;
  readonly #now: () => number;
  readonly #requests = new Array<number>(BUCKETS).fill(0);
  readonly #retries = new Array<number>(BUCKETS).fill(0);
  #bucket = 0;

  constructor({ ratio, windowMs = 10_000, minPerWindow = 3, now = Date.now }: RetryBudgetOptions) {
    this.#ratio = ratio;
    this.#minPerWindow = minPerWindow;
    this.#bucketMs = windowMs / BUCKETS;
    this.#now = now;
    this.#bucket = Math.floor(now() / this.#bucketMs);
  }

  /** Counts one request (not its retries). */
  recordRequest(): void {
    this.#requests[this.#advance()]! += 1;
  }

  /** Takes one retry from the budget; false when the window's retries are used up. */
  tryRetry(): boolean {
    const slot = this.#advance();
    const requests = this.#requests.reduce((a, b) => a + b, 0);
    const retries = this.#retries.reduce((a, b) => a + b, 0);
    if (retries + 1 > Math.max(this.#minPerWindow, requests * this.#ratio)) return false;
    this.#retries[slot]! += 1;
    return true;
  }

  /** Moves the window to now, emptying the buckets it left behind; returns the current slot. */
  #advance(): number {
    const bucket = Math.floor(this.#now() / this.#bucketMs);
    for (let b = Math.max(this.#bucket + 1, bucket - BUCKETS + 1); b <= bucket; b += 1) {
      this.#requests[b % BUCKETS] = 0;
      this.#retries[b % BUCKETS] = 0;
    }
    this.#bucket = Math.max(this.#bucket, bucket);
    return this.#bucket % BUCKETS;
  }
}
