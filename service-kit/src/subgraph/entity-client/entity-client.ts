import { GraphQLError } from 'graphql';
import { STORE_LABELS, type StoreName } from '../../graphql/errors.ts';
import { IDENTITY_HEADER } from '../../identity/signed-identity.ts';
import { currentRequestScope, inChildSpan } from '../../observability/request-scope.ts';
import { StoreUnavailableError } from '../stores/store-unavailable.ts';

/** A GraphQL error from the called service, with its code kept so a caller can act on it. */
export interface RemoteError {
  message: string;
  extensions?: { code?: string; store?: unknown; [key: string]: unknown };
}

/** The owner could not answer: the field that needed it fails as the gateway's would. */
const unavailable = (owner: string, reason: string) =>
  new GraphQLError(`Subgraph "${owner}" is unavailable (${reason})`, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason, serviceName: owner } });

/**
 * Asks another subgraph through the graph (`_entities`, or one of its operations), so a service
 * never reads another service's tables. Each call is a child span of the request's, and the
 * callee continues the trace under it; a signed identity, when given, rides in the gateway's header.
 * A callee that cannot answer (down, timing out, 5xx) fails the call with SUBGRAPH_UNAVAILABLE,
 * one whose store cannot with its STORE_UNAVAILABLE: both tell the client to retry, neither is a bug.
 */
export class EntityClient {
  private readonly owner: string;
  private readonly url: string;
  private readonly timeoutMs: number;

  constructor(owner: string, url: string, timeoutMs = 5_000) {
    this.owner = owner;
    this.url = url;
    this.timeoutMs = timeoutMs;
  }

  /** Returns the subset of `keys` for which the owner resolves an entity. */
  async existing(typename: string, keyField: string, keys: string[]): Promise<Set<string>> {
    return new Set((await this.select(typename, keyField, keys, keyField)).keys());
  }

  /** The entities the owner resolves for `keys`, each with the `fields` selected, by key. */
  async select(typename: string, keyField: string, keys: string[], fields: string): Promise<Map<string, Record<string, unknown>>> {
    if (keys.length === 0) return new Map();
    const data = await this.request<{ _entities?: (Record<string, unknown> | null)[] }>(
      `${typename} check`,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${keyField} ${fields} } } }`,
      { r: keys.map((key) => ({ __typename: typename, [keyField]: key })) },
    );
    return new Map(
      (data._entities ?? []).flatMap((entity) => (entity?.[keyField] ? [[String(entity[keyField]), entity] as const] : [])),
    );
  }

  /**
   * Runs one operation of the callee as `identity` (a header made by `signIdentity`). A GraphQL
   * error is thrown as a GraphQLError with the callee's code, so the caller can tell a refusal
   * (`OUT_OF_STOCK`) from a fault.
   */
  async call<T>(name: string, query: string, variables: Record<string, unknown>, identity?: string): Promise<T> {
    return this.request<T>(name, query, variables, identity);
  }

  private async request<T>(name: string, query: string, variables: Record<string, unknown>, identity?: string): Promise<T> {
    return inChildSpan(name, 'remote', async (span) => {
      // Unsampled, the owner still hears the decision and the trace id.
      const trace = (span ?? currentRequestScope()?.span)?.headers();
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...trace, ...(identity ? { [IDENTITY_HEADER]: identity } : {}) },
        signal: AbortSignal.timeout(this.timeoutMs),
        body: JSON.stringify({ query, variables }),
      }).catch((error: unknown) => {
        throw unavailable(this.owner, (error as Error)?.name === 'TimeoutError' ? 'timed out' : 'unreachable');
      });
      span?.http({ method: 'POST', url: this.url }, response.status);
      if (response.status >= 500) throw unavailable(this.owner, `HTTP ${response.status}`);
      if (!response.ok) throw new Error(`${this.url} answered ${response.status} to ${name}`);
      const payload = (await response.json()) as { data?: T; errors?: RemoteError[] };
      const store = payload.errors?.find((e) => e.extensions?.code === 'STORE_UNAVAILABLE')?.extensions?.store;
      if (typeof store === 'string' && Object.hasOwn(STORE_LABELS, store)) {
        throw new StoreUnavailableError(store as StoreName, new Error(`${this.owner}: ${payload.errors![0]!.message}`));
      }
      const error = payload.errors?.[0];
      if (error) throw new GraphQLError(`${this.url}: ${error.message}`, { extensions: { ...error.extensions, remote: true } });
      return payload.data as T;
    });
  }
}
