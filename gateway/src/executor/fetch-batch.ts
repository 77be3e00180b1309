import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode, ResponsePath } from '@apollo/query-planner';
import type { GraphQLFormattedError } from 'graphql';
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

/** Sends one fetch's own operation, as `@apollo/gateway` would. */
export function sendAlone(service: GraphQLDataSource, requestContext: GatewayRequestContext, { fetch, variables, path }: FetchRequest): Promise<SubgraphResponse> {
  return service.process({
    kind: INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: path,
  });
}

interface Pending extends FetchRequest {
  resolve(response: SubgraphResponse): void;
  reject(error: unknown): void;
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
 */
export class FetchBatch {
  private readonly pending = new Map<string, Pending[]>();
  private scheduled = false;
  private readonly serviceMap: Record<string, GraphQLDataSource>;
  private readonly requestContext: GatewayRequestContext;

  constructor(serviceMap: Record<string, GraphQLDataSource>, requestContext: GatewayRequestContext) {
    this.serviceMap = serviceMap;
    this.requestContext = requestContext;
  }

  /** Sends an entity fetch, with whatever else is ready for its subgraph in this turn. */
  entities(request: FetchRequest): Promise<SubgraphResponse> {
    return new Promise((resolve, reject) => {
      const name = request.fetch.serviceName;
      let queue = this.pending.get(name);
      if (!queue) this.pending.set(name, (queue = []));
      queue.push({ ...request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After this turn's I/O callbacks and microtasks: every fetch they made ready is queued.
        setImmediate(() => this.flush());
      }
    });
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
      const merged = queue.length > 1 ? mergedOperation(queue.map((p) => p.fetch)) : undefined;
      if (!merged) for (const pending of queue) this.alone(service, pending);
      else void this.together(service, queue, merged);
    }
  }

  private alone(service: GraphQLDataSource, pending: Pending): void {
    sendAlone(service, this.requestContext, pending).then(pending.resolve, pending.reject);
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
      response = await service.process({
        kind: INCOMING_OPERATION,
        request: { query: merged.query, variables, operationName: merged.operationName },
        incomingRequestContext: this.requestContext,
        context: this.requestContext.context,
        document: merged.document,
        pathInIncomingRequest: queue[0]!.path,
      });
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
