import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type FetcherResponse = Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;
type FetcherHeaders = FetcherResponse['headers'];

/** A subgraph's answer, read whole: what `SubgraphClient` resolves to, shared by deduplicated calls. */
export interface SubgraphAnswer {
  status: number;
  statusText: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** Read-only headers over a plain object, as much of the Fetch API as Apollo's data source uses. */
class AnswerHeaders implements FetcherHeaders {
  readonly #headers: Record<string, string>;

  constructor(headers: Record<string, string>) {
    this.#headers = { ...headers };
  }

  get(name: string): string | null {
    return this.#headers[name.toLowerCase()] ?? null;
  }
  has(name: string): boolean {
    return name.toLowerCase() in this.#headers;
  }
  set(name: string, value: string): void {
    this.#headers[name.toLowerCase()] = value;
  }
  append(name: string, value: string): void {
    const existing = this.get(name);
    this.set(name, existing === null ? value : `${existing}, ${value}`);
  }
  delete(name: string): void {
    delete this.#headers[name.toLowerCase()];
  }
  entries(): IterableIterator<[string, string]> {
    return Object.entries(this.#headers)[Symbol.iterator]();
  }
  keys(): IterableIterator<string> {
    return Object.keys(this.#headers)[Symbol.iterator]();
  }
  values(): IterableIterator<string> {
    return Object.values(this.#headers)[Symbol.iterator]();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/**
 * The Fetch API response Apollo's data source reads (status, headers, `json()`, `text()`), over
 * an answer already in memory: no streams. Each caller gets its own, so `json()` parses a copy
 * of its own even when the answer was shared (the gateway merges into what it parsed).
 */
export class BufferedResponse implements FetcherResponse {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: FetcherHeaders;
  readonly redirected = false;
  /** Whether this answer came from another request's call (deduplicated). */
  readonly shared: boolean;
  readonly #answer: SubgraphAnswer;
  bodyUsed = false;

  constructor(url: string, answer: SubgraphAnswer, shared: boolean) {
    this.url = url;
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.headers = new AnswerHeaders(answer.headers);
    this.shared = shared;
    this.#answer = answer;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.#answer.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text(), 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): BufferedResponse {
    return new BufferedResponse(this.url, this.#answer, this.shared);
  }
}
