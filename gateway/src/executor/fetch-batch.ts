import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode, ResponsePath } from '@apollo/query-planner';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import type { Data } from './cursor.ts';
import type { GatewayRequestContext } from './gateway-internals.ts';
import { mergedOperation, type MergedOperation } from './merged-operation.ts';

/** What a data source answers. */
export type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** `GraphQLDataSourceRequestKind.INCOMING_OPERATION`, an enum `@apollo/gateway` does not export. */
const INCOMING_OPERATION = 'incoming operation' as Extract<GraphQLDataSourceProcessOptions, { incomingRequestContext: unknown }>['kind'];

/** One subgraph request as a plan fetch makes it. */
export interface FetchRequest {
  fetch: FetchNode;
  /** The operation's variables; an entity fetch's include `representations`. */
  variables: Data;
  path: ResponsePath;
}

/** One operation to a subgraph through its data source, on behalf of the client request. */
function send(
  service: GraphQLDataSource,
  requestContext: GatewayRequestContext,
  operation: { query: string; variables: Data; operationName: string | undefined; document: DocumentNode | undefined; path: ResponsePath },
): Promise<SubgraphResponse> {
  return service.process({
    kind: INCOMING_OPERATION,
    request: { query: operation.query, variables: operation.variables, operationName: operation.operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: operation.document,
    pathInIncomingRequest: operation.path,
  });
}

/** Sends one fetch's own operation, as `@apollo/gateway` would. */
export function sendAlone(service: GraphQLDataSource, requestContext: GatewayRequestContext, { fetch, variables, path }: FetchRequest): Promise<SubgraphResponse> {
  return send(service, requestContext, { query: fetch.operation, variables, operationName: fetch.operationName, document: fetch.operationDocumentNode, path });
}

interface Pending extends FetchRequest {
  resolve(response: SubgraphResponse): void;
  reject(error: unknown): void;
  /** Set when a flush held it back: the count of completed requests then. */
  heldAt?: number;
}

/**
 * The merged answer's part for fetch `i`: its alias's entities, and the errors under its alias
 * with the path the fetch's own request would have given them. An error the subgraph put at no
 * alias (no path) was an answer to the request as a whole, so it is every fetch's.
 */
function partOf(response: SubgraphResponse, merged: MergedOperation, i: number): SubgraphResponse {
  const alias = merged.aliases[i]!;
  const errors: GraphQLFormattedError[] = [];
  for (const error of response.errors ?? []) {
    const head = error.path?.[0];
    if (head === alias) errors.push({ ...error, path: ['_entities', ...error.path!.slice(1)] });
    else if (head === undefined || !merged.aliases.includes(head as string)) errors.push(error);
  }
  return {
    ...(response.data ? { data: { _entities: (response.data as Data)[alias] } } : {}),
    ...(errors.length ? { errors } : {}),
    ...(response.extensions ? { extensions: response.extensions } : {}),
  };
}

/**
 * Entity fetches of one execution to the same subgraph that are ready at the same time (made in
 * the same turn of the event loop: a Parallel node's branches, the continuations of one merged
 * answer) go out as one request, each fetch's `_entities` under its own alias. A fetch alone
 * goes out as it is. When the merged answer has no data for some fetch (the subgraph nulled the
 * whole answer, say), the fetches are sent again one by one, so each gets exactly what its own
 * request would have: merging changes the number of requests, never an answer.
 *
 * A leaf fetch (nothing later in the plan waits for it) may wait one step: while a request that
 * other fetches wait for is in flight, a subgraph's queue of leaves is held until that request
 * is answered, and goes out with whatever the answer made ready (the same subgraph's next fetches
 * among them). The wait ends with the next answer, never later, so a leaf is never the last
 * request of an execution because it waited: it goes out beside fetches the answer still needs.
 */
export class FetchBatch {
  private readonly pending = new Map<string, Pending[]>();
  private scheduled = false;
  private readonly serviceMap: Record<string, GraphQLDataSource>;
  private readonly requestContext: GatewayRequestContext;
  private readonly isLeaf: (fetch: FetchNode) => boolean;
  /** Requests in flight that some later fetch waits for. */
  private awaited = 0;
  /** How many of those have been answered. */
  private answered = 0;

  constructor(serviceMap: Record<string, GraphQLDataSource>, requestContext: GatewayRequestContext, isLeaf: (fetch: FetchNode) => boolean = () => false) {
    this.serviceMap = serviceMap;
    this.requestContext = requestContext;
    this.isLeaf = isLeaf;
  }

  /** Sends an entity fetch, with whatever else is ready for its subgraph in this turn. */
  entities(request: FetchRequest): Promise<SubgraphResponse> {
    return new Promise((resolve, reject) => {
      const name = request.fetch.serviceName;
      let queue = this.pending.get(name);
      if (!queue) this.pending.set(name, (queue = []));
      queue.push({ ...request, resolve, reject });
      this.schedule();
    });
  }

  /** Counts a request that does not go through the batch (a root fetch) while it is in flight. */
  track<T>(fetches: readonly FetchNode[], call: Promise<T>): Promise<T> {
    if (fetches.every(this.isLeaf)) return call;
    this.awaited += 1;
    const done = () => {
      this.awaited -= 1;
      this.answered += 1;
      // Leaves held for this answer go out with what it makes ready.
      if (this.pending.size > 0) this.schedule();
    };
    call.then(done, done);
    return call;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After this turn's I/O callbacks and microtasks: every fetch they made ready is queued.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batches = [...this.pending.entries()];
    this.pending.clear();
    for (const [name, queue] of batches) {
      const service = this.serviceMap[name];
      if (!service) {
        for (const { reject } of queue) reject(new Error(`Couldn't find service with name "${name}"`));
        continue;
      }
      if (this.awaited > 0 && queue.every((p) => this.isLeaf(p.fetch) && (p.heldAt === undefined || p.heldAt === this.answered))) {
        for (const p of queue) p.heldAt = this.answered;
        this.pending.set(name, queue);
        continue;
      }
      const merged = queue.length > 1 ? mergedOperation(queue.map((p) => p.fetch)) : undefined;
      if (!merged) for (const pending of queue) this.alone(service, pending);
      else void this.together(service, queue, merged);
    }
  }

  private alone(service: GraphQLDataSource, pending: Pending): void {
    this.track([pending.fetch], sendAlone(service, this.requestContext, pending)).then(pending.resolve, pending.reject);
  }

  private async together(service: GraphQLDataSource, queue: Pending[], merged: MergedOperation): Promise<void> {
    const variables: Data = Object.create(null);
    for (const [i, { variables: own }] of queue.entries()) {
      for (const [name, value] of Object.entries(own)) {
        if (name === 'representations') variables[merged.representationVariables[i]!] = value;
        else variables[name] = value;
      }
    }
    let response: SubgraphResponse;
    try {
      response = await this.track(
        queue.map((p) => p.fetch),
        send(service, this.requestContext, { query: merged.query, variables, operationName: merged.operationName, document: merged.document, path: queue[0]!.path }),
      );
    } catch (error) {
      for (const { reject } of queue) reject(error);
      return;
    }
    const data = response.data as Data | null | undefined;
    // No data at all is a failed request (the subgraph unavailable…): each fetch's would have failed the same way.
    if (data !== undefined && (data === null || merged.aliases.some((alias) => !Array.isArray(data[alias])))) {
      for (const pending of queue) this.alone(service, pending);
      return;
    }
    for (const [i, { resolve }] of queue.entries()) resolve(partOf(response, merged, i));
  }
}
