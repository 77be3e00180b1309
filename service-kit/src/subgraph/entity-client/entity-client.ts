import { GraphQLError } from 'graphql';
import { currentRequestScope, inChildSpan } from '../../observability/request-scope.ts';
import { STORE_LABELS, type StoreName } from '../../graphql/errors.ts';
import { StoreUnavailableError } from '../stores/store-unavailable.ts';

/** The owner could not answer: the field that needed it fails as the gateway's would. */
const unavailable = (owner: string, reason: string) =>
  new GraphQLError(`Subgraph "${owner}" is unavailable (${reason})`, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason, serviceName: owner } });

type OwnerError = { message: string; extensions?: { code?: unknown; store?: unknown } };

/**
 * Asks the subgraph that owns an entity type which of some keys exist, through the graph
 * (`_entities`), so a service never reads another service's tables. Each call is a child span
 * of the request's, and the owner continues the trace under it. An owner that cannot answer
 * (down, timing out, 5xx) fails the call with SUBGRAPH_UNAVAILABLE, one whose store cannot with
 * the owner's STORE_UNAVAILABLE: both tell the client to retry, neither is a bug.
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
    if (keys.length === 0) return new Set();
    return inChildSpan(`${typename} check`, 'remote', async (span) => {
      // Unsampled, the owner still hears the decision and the trace id.
      const trace = (span ?? currentRequestScope()?.span)?.headers();
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...trace },
        signal: AbortSignal.timeout(this.timeoutMs),
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${keyField} } } }`,
          variables: { r: keys.map((key) => ({ __typename: typename, [keyField]: key })) },
        }),
      }).catch((error: unknown) => {
        throw unavailable(this.owner, (error as Error)?.name === 'TimeoutError' ? 'timed out' : 'unreachable');
      });
      span?.http({ method: 'POST', url: this.url }, response.status);
      if (response.status >= 500) throw unavailable(this.owner, `HTTP ${response.status}`);
      if (!response.ok) throw new Error(`${this.url} answered ${response.status} to _entities`);
      const payload = (await response.json()) as {
        data?: { _entities?: (Record<string, string> | null)[] };
        errors?: OwnerError[];
      };
      const store = payload.errors?.find((e) => e.extensions?.code === 'STORE_UNAVAILABLE')?.extensions?.store;
      if (typeof store === 'string' && Object.hasOwn(STORE_LABELS, store)) {
        throw new StoreUnavailableError(store as StoreName, new Error(`${this.owner}: ${payload.errors![0]!.message}`));
      }
      if (payload.errors?.length) throw new Error(`${this.url}: ${payload.errors[0]!.message}`);
      return new Set(
        (payload.data?._entities ?? []).flatMap((entity) => (entity?.[keyField] ? [entity[keyField]] : [])),
      );
    });
  }
}
