import { currentRequestScope, inChildSpan } from '../../observability/request-scope.ts';

/**
 * Asks the subgraph that owns an entity type which of some keys exist, through the graph
 * (`_entities`), so a service never reads another service's tables. Each call is a child span
 * of the request's, and the owner continues the trace under it.
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
      });
      span?.http({ method: 'POST', url: this.url }, response.status);
      if (!response.ok) throw new Error(`${this.url} answered ${response.status} to _entities`);
      const payload = (await response.json()) as {
        data?: { _entities?: (Record<string, string> | null)[] };
        errors?: { message: string }[];
      };
      if (payload.errors?.length) throw new Error(`${this.url}: ${payload.errors[0]!.message}`);
      return new Set(
        (payload.data?._entities ?? []).flatMap((entity) => (entity?.[keyField] ? [entity[keyField]] : [])),
      );
    });
  }
}
