import { GraphQLError } from 'graphql';
import { currentRequestScope, inChildSpan } from '../../observability/request-scope.ts';
import { IDENTITY_HEADER } from '../../identity/signed-identity.ts';

/** A GraphQL error from the called service, with its code kept so a caller can act on it. */
export interface RemoteError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * Asks another subgraph through the graph (`_entities`, or one of its operations), so a service
 * never reads another service's tables. Each call is a child span of the request's, and the
 * callee continues the trace under it; a signed identity, when given, rides in the gateway's header.
 */
export class EntityClient {
  private readonly url: string;
  private readonly timeoutMs: number;

  constructor(url: string, timeoutMs = 5_000) {
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
      });
      span?.http({ method: 'POST', url: this.url }, response.status);
      if (!response.ok) throw new Error(`${this.url} answered ${response.status} to ${name}`);
      const payload = (await response.json()) as { data?: T; errors?: RemoteError[] };
      const error = payload.errors?.[0];
      if (error) throw new GraphQLError(`${this.url}: ${error.message}`, { extensions: { ...error.extensions, remote: true } });
      return payload.data as T;
    });
  }
}
