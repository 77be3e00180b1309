import type { FetchNode, ResponsePath } from '@apollo/query-planner';
import type { GraphQLFormattedError } from 'graphql';
import { hydratedPaths, type Cursor, type Data } from './cursor.ts';
import { applyRewrites } from './data-rewrites.ts';
import { deepMerge } from './deep-merge.ts';
import type { ExecutionContext } from './execution-context.ts';
import { sendAlone } from './fetch-batch.ts';
import { FlatRepresentations, GENERAL, representationOf, SKIP } from './required-inputs.ts';
import { downstreamError, type ErrorPath } from './subgraph-errors.ts';

const hasOwn = Object.prototype.hasOwnProperty;

/** The client's variables this fetch's operation uses. */
function variablesOf(fetch: FetchNode, provided: Record<string, unknown> | undefined): Data {
  const variables: Data = Object.create(null);
  if (!fetch.variableUsages || !provided) return variables;
  for (const name of fetch.variableUsages) {
    if (hasOwn.call(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
  }
  return variables;
}

/** One entity fetch's distinct representations, and where in the data each one's answer goes. */
interface Representations {
  unique: Data[];
  /** For each distinct representation, the entities it stands for. */
  targets: Data[][];
  /**
   * For each distinct representation, the index each of its entities would have had in a list
   * without de-duplication: `@apollo/gateway` places an `_entities` error by that index.
   */
  stockIndexes: number[][];
  /** How many entities had a representation. */
  total: number;
}

function collectRepresentations(context: ExecutionContext, fetch: FetchNode, entities: Data[]): Representations {
  const byKey = new Map<string, number>();
  const result: Representations = { unique: [], targets: [], stockIndexes: [], total: 0 };
  let stockIndex = 0;
  // Without input rewrites, the usual shape of `requires` is de-duplicated without JSON.
  const flat = fetch.inputRewrites?.length ? undefined : FlatRepresentations.for(context.supergraphSchema, fetch.requires!);
  const add = (representation: Data): number => {
    result.unique.push(representation);
    result.targets.push([]);
    result.stockIndexes.push([]);
    return result.unique.length - 1;
  };
  for (const entity of entities) {
    let index = flat ? flat.indexOf(entity, add) : GENERAL;
    if (index === SKIP) continue;
    if (index === GENERAL) {
      const representation = representationOf(context.supergraphSchema, entity, fetch.requires!);
      if (!representation || !representation.__typename) continue;
      applyRewrites(context.supergraphSchema, fetch.inputRewrites, representation);
      const key = JSON.stringify(representation);
      const known = byKey.get(key);
      if (known === undefined) byKey.set(key, (index = add(representation)));
      else index = known;
    }
    result.targets[index]!.push(entity);
    result.stockIndexes[index]!.push(stockIndex++);
  }
  result.total = stockIndex;
  return result;
}

/**
 * Places a subgraph's errors in the client's answer. An `_entities` error belongs to every entity
 * its representation stood for: one error per entity. The subgraph saw each representation once,
 * so the copies of one error (same message, same path below the entity) are put in the entities'
 * order, where a subgraph given every entity would have put them; distinct errors keep the
 * subgraph's order.
 */
function placeErrors(context: ExecutionContext, fetch: FetchNode, cursor: Cursor, errors: readonly GraphQLFormattedError[], representations: Representations | undefined): void {
  let paths: ResponsePath[] | undefined;
  const groups = new Map<string, number>();
  const placed: { group: number; order: number; error: ReturnType<typeof downstreamError> }[] = [];
  for (const error of errors) {
    const index = error.path?.[1];
    if (fetch.requires && typeof index === 'number') {
      paths ??= hydratedPaths(cursor.path, cursor.root);
      const below = error.path!.slice(2);
      const signature = `${error.message}\u0000${JSON.stringify(below)}`;
      let group = groups.get(signature);
      if (group === undefined) groups.set(signature, (group = placed.length));
      for (const stockIndex of representations?.stockIndexes[index] ?? [index]) {
        placed.push({ group, order: stockIndex, error: downstreamError(error, fetch.serviceName, [...(paths[stockIndex] ?? []), ...below]) });
      }
    } else {
      const path: ErrorPath = error.path ? [...cursor.path, ...error.path] : undefined;
      placed.push({ group: placed.length, order: 0, error: downstreamError(error, fetch.serviceName, path) });
    }
  }
  placed.sort((a, b) => a.group - b.group || a.order - b.order);
  for (const { error } of placed) context.errors.push(error);
}

async function send(context: ExecutionContext, fetch: FetchNode, cursor: Cursor, variables: Data, representations: Representations | undefined): Promise<Data | null | undefined> {
  const request = { fetch, variables, path: cursor.path };
  let response;
  if (representations && context.batch) {
    response = await context.batch.entities(request);
  } else {
    const service = context.serviceMap[fetch.serviceName];
    if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
    const call = sendAlone(service, context.requestContext, request);
    // Counted while in flight: the batch holds leaf fetches back while awaited requests are out.
    response = await (context.batch ? context.batch.track([fetch], call) : call);
  }
  if (response.errors) {
    placeErrors(context, fetch, cursor, response.errors, representations);
    if (!response.extensions?.ftv1) {
      const metrics = context.requestContext.metrics;
      const errorPaths = response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path }));
      if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...errorPaths);
      else metrics.nonFtv1ErrorPaths = errorPaths;
    }
  }
  return response.data as Data | null | undefined;
}

/**
 * Runs one fetch of the plan at `cursor`. A root fetch's answer merges into the data; an entity
 * fetch sends each distinct representation once and merges its answer into every entity it
 * stands for.
 */
export async function executeFetch(context: ExecutionContext, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const entities = Array.isArray(cursor.data) ? cursor.data.filter((entity) => entity != null) : [cursor.data];
  if (entities.length === 0) return;
  const variables = variablesOf(fetch, context.variables);
  if (!fetch.requires) {
    const data = await send(context, fetch, cursor, variables, undefined);
    if (data) applyRewrites(context.supergraphSchema, fetch.outputRewrites, data);
    for (const entity of entities) deepMerge(entity, data);
    return;
  }
  const representations = collectRepresentations(context, fetch, entities);
  if (representations.unique.length === 0) return;
  if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');
  const data = await send(context, fetch, cursor, { ...variables, representations: representations.unique }, representations);
  if (!data) return;
  const received = data._entities;
  if (!Array.isArray(received)) throw new Error('Expected "data._entities" in response to be an array');
  if (received.length !== representations.unique.length) throw new Error(`Expected "data._entities" to contain ${representations.total} elements`);
  for (let i = 0; i < received.length; i++) {
    const entity = received[i] as Data | null;
    const targets = representations.targets[i]!;
    if (entity && !entity.__typename) entity.__typename = targets[0]!.__typename;
    if (entity) applyRewrites(context.supergraphSchema, fetch.outputRewrites, entity);
    for (const target of targets) deepMerge(target, entity);
  }
}
