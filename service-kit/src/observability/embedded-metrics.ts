import { DIMENSION, GRAPHQL_METRICS, METRICS_NAMESPACE, type MetricSpec, type SagaOutcome } from './graphql-metrics.ts';

/**
 * CloudWatch embedded metric format (EMF): a JSON log line whose `_aws` member tells CloudWatch
 * Logs which of its members are metrics, under which dimensions. Written to stdout like any log
 * line, it becomes metrics with no agent and no API call. One line holds one directive, the
 * shape `aws-embedded-metrics` writes (its tests compare the two).
 */
export interface EmfLine {
  readonly timestamp: number;
  /** Dimension name → value; every name in `dimensionSets` must have one. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly dimensionSets: readonly (readonly string[])[];
  readonly metrics: readonly { readonly name: string; readonly unit: string; readonly value: number | readonly number[] }[];
  /** @default METRICS_NAMESPACE */
  readonly namespace?: string;
}

// CloudWatch's limits, as the EMF specification states them.
const MAX_DIMENSIONS_PER_SET = 30;
const MAX_METRICS = 100;
const MAX_VALUES = 100;
const ASCII = /^[\x00-\x7F]+$/;
const NAMESPACE = /^(?=.*\S)[a-zA-Z0-9 ._#:/-]{1,256}$/;

function checkDimension(name: string, value: string | undefined): void {
  if (value === undefined) throw new TypeError(`Dimension ${name} has no value`);
  for (const [what, text, max] of [['name', name, 250], ['value', value, 1024]] as const) {
    if (!ASCII.test(text) || text.trim() === '' || text.length > max) {
      throw new RangeError(`Dimension ${what} ${JSON.stringify(text)} must be 1 to ${max} ASCII characters, not all blank`);
    }
  }
  if (name.startsWith(':')) throw new RangeError(`Dimension name ${JSON.stringify(name)} cannot start with ':'`);
}

function checkMetric(name: string, value: number | readonly number[], dimensions: Readonly<Record<string, string>>): void {
  if (name.trim() === '' || name.length > 1024) throw new RangeError(`Metric name ${JSON.stringify(name)} must be 1 to 1024 characters`);
  if (name in dimensions || name === '_aws') throw new RangeError(`Metric ${name} would overwrite a member of the same name`);
  const values = typeof value === 'number' ? [value] : value;
  if (values.length === 0 || values.length > MAX_VALUES) throw new RangeError(`Metric ${name} must have 1 to ${MAX_VALUES} values`);
  for (const v of values) {
    if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) throw new RangeError(`Metric ${name} value ${v} is not a finite number`);
  }
}

/** The EMF document for `line`; throws a RangeError or TypeError when CloudWatch would reject it. */
export function embeddedMetrics(line: EmfLine): Record<string, unknown> {
  const namespace = line.namespace ?? METRICS_NAMESPACE;
  if (!NAMESPACE.test(namespace)) throw new RangeError(`Namespace ${JSON.stringify(namespace)} is not a valid CloudWatch namespace`);
  for (const set of line.dimensionSets) {
    if (set.length > MAX_DIMENSIONS_PER_SET) throw new RangeError(`A dimension set has ${set.length} dimensions, more than ${MAX_DIMENSIONS_PER_SET}`);
    for (const name of set) checkDimension(name, line.dimensions[name]);
  }
  if (line.metrics.length === 0 || line.metrics.length > MAX_METRICS) throw new RangeError(`A line must hold 1 to ${MAX_METRICS} metrics`);
  const values: Record<string, number | readonly number[]> = {};
  for (const { name, value } of line.metrics) {
    checkMetric(name, value, line.dimensions);
    values[name] = value;
  }
  return {
    ...line.dimensions,
    ...values,
    _aws: {
      Timestamp: line.timestamp,
      CloudWatchMetrics: [
        {
          Dimensions: line.dimensionSets.map((set) => [...set]),
          Metrics: line.metrics.map(({ name, unit }) => ({ Name: name, Unit: unit })),
          Namespace: namespace,
        },
      ],
    },
  };
}

/** `embeddedMetrics(line)` as one JSON log line. */
export function formatEmf(line: EmfLine): string {
  return JSON.stringify(embeddedMetrics(line));
}

/** A line of contract metrics that share their dimension sets. */
function contractLine(
  timestamp: number,
  dimensions: Record<string, string>,
  metrics: readonly (readonly [MetricSpec, number | readonly number[]])[],
): string {
  const sets = metrics[0]![0].dimensionSets;
  for (const [spec] of metrics) {
    if (JSON.stringify(spec.dimensionSets) !== JSON.stringify(sets)) throw new Error(`${spec.name} is published under other dimensions`);
  }
  return formatEmf({ timestamp, dimensions, dimensionSets: sets, metrics: metrics.map(([spec, value]) => ({ name: spec.name, unit: spec.unit, value })) });
}

interface Sample {
  /** The emitting service, e.g. `gateway`. */
  readonly service: string;
  /** @default Date.now() */
  readonly timestamp?: number;
}

const at = (sample: Sample) => sample.timestamp ?? Date.now();

/**
 * One GraphQL request: `Requests` and `Latency`, and per distinct error code an `Errors` line.
 * `operation` is a value from `operationDimension`, never a client's raw operation name;
 * `operations` counts a batch's operations (@default 1).
 */
export function requestLines(sample: Sample & { operation: string; latencyMs: number; errorCodes: readonly string[]; operations?: number }): string[] {
  const dimensions = { [DIMENSION.service]: sample.service, [DIMENSION.operation]: sample.operation };
  const lines = [contractLine(at(sample), dimensions, [[GRAPHQL_METRICS.requests, sample.operations ?? 1], [GRAPHQL_METRICS.latency, sample.latencyMs]])];
  for (const code of new Set(sample.errorCodes)) {
    lines.push(contractLine(at(sample), { ...dimensions, [DIMENSION.code]: code }, [[GRAPHQL_METRICS.errors, 1]]));
  }
  return lines;
}

/** The fetches of one request to one subgraph. */
export function subgraphLatencyLine(sample: Sample & { subgraph: string; latenciesMs: readonly number[] }): string {
  return contractLine(at(sample), { [DIMENSION.service]: sample.service, [DIMENSION.subgraph]: sample.subgraph }, [[GRAPHQL_METRICS.subgraphLatency, sample.latenciesMs]]);
}

/** Hits and misses of one cache, counted over a request or an interval. */
export function cacheLine(sample: Sample & { cache: string; hits: number; misses: number }): string {
  return contractLine(at(sample), { [DIMENSION.service]: sample.service, [DIMENSION.cache]: sample.cache }, [
    [GRAPHQL_METRICS.cacheHits, sample.hits],
    [GRAPHQL_METRICS.cacheMisses, sample.misses],
  ]);
}

/** A request refused with 429. */
export function rateLimitedLine(sample: Sample): string {
  return contractLine(at(sample), { [DIMENSION.service]: sample.service }, [[GRAPHQL_METRICS.rateLimited, 1]]);
}

/** A request refused by a limit before planning; `reason` is the error code it was answered with. */
export function refusedLine(sample: Sample & { reason: string }): string {
  return contractLine(at(sample), { [DIMENSION.service]: sample.service, [DIMENSION.reason]: sample.reason }, [[GRAPHQL_METRICS.refused, 1]]);
}

/** One saga finished. */
export function sagaOutcomeLine(sample: Sample & { outcome: SagaOutcome }): string {
  return contractLine(at(sample), { [DIMENSION.service]: sample.service, [DIMENSION.outcome]: sample.outcome }, [[GRAPHQL_METRICS.sagaOutcomes, 1]]);
}
