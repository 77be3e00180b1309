/**
 * The contract of Tributary's GraphQL metrics on CloudWatch: names, units and dimensions, in one
 * place for the services that emit them (as embedded metric format log lines, see
 * `embedded-metrics.ts`) and for the CDK app that draws and alarms on them. Pure data: importing
 * it loads nothing else.
 */

/** Every metric below is published in this CloudWatch namespace. */
export const METRICS_NAMESPACE = 'Tributary';

/** Dimension names. `Service` is the emitting service's name (`gateway`, `orders`, ...). */
export const DIMENSION = {
  service: 'Service',
  operation: 'Operation',
  code: 'Code',
  subgraph: 'Subgraph',
  cache: 'Cache',
  reason: 'Reason',
  outcome: 'Outcome',
} as const;

export type DimensionName = (typeof DIMENSION)[keyof typeof DIMENSION];

/** The CloudWatch units the contract uses. */
export type MetricUnit = 'Count' | 'Milliseconds';

export interface MetricSpec {
  readonly name: string;
  readonly unit: MetricUnit;
  /**
   * The dimension combinations it is published under. CloudWatch stores one series per
   * combination, so alarms and graphs must name exactly one of these.
   */
  readonly dimensionSets: readonly (readonly DimensionName[])[];
  readonly description: string;
}

const { service, operation, code, subgraph, cache, reason, outcome } = DIMENSION;

export const GRAPHQL_METRICS = {
  requests: {
    name: 'Requests',
    unit: 'Count',
    dimensionSets: [[service], [service, operation]],
    description: 'GraphQL requests answered (a batch counts each operation)',
  },
  errors: {
    name: 'Errors',
    unit: 'Count',
    dimensionSets: [[service, code], [service, operation, code]],
    description: 'Requests answered with at least one error of `Code` (so Errors / Requests is a rate)',
  },
  latency: {
    name: 'Latency',
    unit: 'Milliseconds',
    dimensionSets: [[service], [service, operation]],
    description: 'Time from the request received to the response sent',
  },
  subgraphLatency: {
    name: 'SubgraphLatency',
    unit: 'Milliseconds',
    dimensionSets: [[service, subgraph]],
    description: 'Time of one fetch to a subgraph, body included, retries included',
  },
  cacheHits: {
    name: 'CacheHits',
    unit: 'Count',
    dimensionSets: [[service, cache]],
    description: 'Lookups answered from a cache (`Cache`: an entity type, `apq`, `response`, `plan`)',
  },
  cacheMisses: {
    name: 'CacheMisses',
    unit: 'Count',
    dimensionSets: [[service, cache]],
    description: 'Lookups the cache could not answer, bypasses (cache unavailable) included',
  },
  rateLimited: {
    name: 'RateLimited',
    unit: 'Count',
    dimensionSets: [[service]],
    description: 'Requests refused with 429 RATE_LIMITED',
  },
  refused: {
    name: 'Refused',
    unit: 'Count',
    dimensionSets: [[service, reason]],
    description: 'Requests refused by a limit before planning (`Reason`: the error code, e.g. QUERY_TOO_COMPLEX)',
  },
  sagaOutcomes: {
    name: 'SagaOutcomes',
    unit: 'Count',
    dimensionSets: [[service, outcome]],
    description: 'Order sagas finished, by `Outcome` (see SAGA_OUTCOME)',
  },
} as const satisfies Record<string, MetricSpec>;

export type GraphqlMetric = keyof typeof GRAPHQL_METRICS;

/** Values of the `Outcome` dimension of `SagaOutcomes`. */
export const SAGA_OUTCOME = {
  /** Every step done. */
  completed: 'completed',
  /** A step said no (out of stock, not enough credit); the steps before it were undone. */
  rejected: 'rejected',
  /** A step failed (unavailable, timed out); the steps before it were undone. */
  compensated: 'compensated',
  /** Undoing a step failed: the order needs a person. */
  compensationFailed: 'compensationFailed',
} as const;

export type SagaOutcome = (typeof SAGA_OUTCOME)[keyof typeof SAGA_OUTCOME];

/** Codes that are the service's fault, not the client's: their rate is alarmed on. */
export const SERVER_ERROR_CODES = ['INTERNAL_SERVER_ERROR', 'SUBGRAPH_UNAVAILABLE', 'STORE_UNAVAILABLE'] as const;

/**
 * The `Operation` value for operations without a name, or whose name is not one the caller
 * vouches for. Every distinct value is a CloudWatch metric of its own (billed monthly), so
 * operation names a client makes up must never become dimension values.
 */
export const OTHER_OPERATION = '(other)';

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * The `Operation` dimension value: the operation's name when it is a GraphQL name and `known`
 * accepts it (e.g. it is in the persisted operations manifest), else OTHER_OPERATION.
 */
export function operationDimension(name: string | null | undefined, known: (name: string) => boolean): string {
  return name && OPERATION_NAME.test(name) && known(name) ? name : OTHER_OPERATION;
}
