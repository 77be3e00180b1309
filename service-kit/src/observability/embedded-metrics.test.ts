import { MetricsContext } from 'aws-embedded-metrics/lib/logger/MetricsContext.js';
import { LogSerializer } from 'aws-embedded-metrics/lib/serializers/LogSerializer.js';
import { describe, expect, it } from 'vitest';
import {
  cacheLine,
  embeddedMetrics,
  formatEmf,
  rateLimitedLine,
  refusedLine,
  requestLines,
  sagaOutcomeLine,
  subgraphLatencyLine,
  type EmfLine,
} from './embedded-metrics.ts';
import { DIMENSION, GRAPHQL_METRICS, METRICS_NAMESPACE, OTHER_OPERATION, operationDimension } from './graphql-metrics.ts';

// Recent: CloudWatch (and the library) refuse timestamps over two weeks old.
const NOW = Date.now();

/** The same line written by AWS's own EMF library (its serializer, without its sinks). */
function byAwsLibrary(line: EmfLine): Record<string, unknown> {
  const context = MetricsContext.empty();
  context.setNamespace(line.namespace ?? METRICS_NAMESPACE);
  context.setTimestamp(line.timestamp);
  context.setDimensions(
    line.dimensionSets.map((set) => Object.fromEntries(set.map((name) => [name, line.dimensions[name]!]))),
    false,
  );
  for (const { name, unit, value } of line.metrics) {
    for (const v of typeof value === 'number' ? [value] : value) context.putMetric(name, v, unit);
  }
  const events = new LogSerializer().serialize(context);
  expect(events).toHaveLength(1);
  return JSON.parse(events[0]!);
}

const throws = (run: () => unknown) => {
  try {
    run();
    return false;
  } catch {
    return true;
  }
};

const gateway = { [DIMENSION.service]: 'gateway', [DIMENSION.operation]: 'TopProducts' };
const sameAsLibrary: [string, EmfLine][] = [
  ['one counter, one dimension set', { timestamp: NOW, dimensions: { Service: 'gateway' }, dimensionSets: [['Service']], metrics: [{ name: 'RateLimited', unit: 'Count', value: 1 }] }],
  ['two metrics under a rollup and a detailed set', { timestamp: NOW, dimensions: gateway, dimensionSets: [['Service'], ['Service', 'Operation']], metrics: [{ name: 'Requests', unit: 'Count', value: 1 }, { name: 'Latency', unit: 'Milliseconds', value: 12.5 }] }],
  ['several samples of one metric', { timestamp: NOW, dimensions: { Service: 'gateway', Subgraph: 'reviews' }, dimensionSets: [['Service', 'Subgraph']], metrics: [{ name: 'SubgraphLatency', unit: 'Milliseconds', value: [3, 4.25, 90] }] }],
  ['another namespace, no dimensions', { namespace: 'Shop/Checkout', timestamp: NOW, dimensions: {}, dimensionSets: [[]], metrics: [{ name: 'Orders', unit: 'Count', value: 0 }] }],
];

describe('embedded metric format', () => {
  it.each(sameAsLibrary)('writes what aws-embedded-metrics writes: %s', (_, line) => {
    expect(JSON.parse(formatEmf(line))).toEqual(byAwsLibrary(line));
  });

  const good: EmfLine = sameAsLibrary[1]![1];
  it.each<[string, EmfLine]>([
    ['a blank dimension value', { ...good, dimensions: { ...gateway, Operation: '  ' } }],
    ['a non-ASCII dimension value', { ...good, dimensions: { ...gateway, Operation: 'Prodüct' } }],
    ['a dimension value over 1024 characters', { ...good, dimensions: { ...gateway, Operation: 'x'.repeat(1025) } }],
    ['a dimension name starting with a colon', { ...good, dimensions: { ':Service': 'gateway' }, dimensionSets: [[':Service']] }],
    ['31 dimensions in a set', { ...good, dimensions: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`D${i}`, 'v'])), dimensionSets: [Array.from({ length: 31 }, (_, i) => `D${i}`)] }],
    ['a NaN value', { ...good, metrics: [{ name: 'Latency', unit: 'Milliseconds', value: Number.NaN }] }],
    ['an infinite value', { ...good, metrics: [{ name: 'Latency', unit: 'Milliseconds', value: Number.POSITIVE_INFINITY }] }],
    ['a value beyond the safe integers', { ...good, metrics: [{ name: 'Latency', unit: 'Milliseconds', value: 2 ** 60 }] }],
    ['a blank metric name', { ...good, metrics: [{ name: ' ', unit: 'Count', value: 1 }] }],
    ['a namespace with invalid characters', { ...good, namespace: 'Tributary!' }],
  ])('refuses, as aws-embedded-metrics does, %s', (_, line) => {
    expect(throws(() => byAwsLibrary(line)), 'the library refuses it').toBe(true);
    expect(() => formatEmf(line)).toThrow(/Dimension|Metric|Namespace|dimension set/);
  });

  it('refuses a dimension a set names but the line does not give, and a metric hiding a dimension', () => {
    expect(() => embeddedMetrics({ ...good, dimensions: { Service: 'gateway' } })).toThrow('Dimension Operation has no value');
    expect(() => embeddedMetrics({ ...good, metrics: [{ name: 'Service', unit: 'Count', value: 1 }] })).toThrow(/overwrite/);
  });
});

describe('GraphQL metric lines', () => {
  const parse = (line: string) => JSON.parse(line) as { _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string; Unit: string }[]; Namespace: string }[] } } & Record<string, unknown>;

  it('writes a request as Requests and Latency, and one Errors line per distinct code', () => {
    const lines = requestLines({ service: 'gateway', operation: 'TopProducts', latencyMs: 42, errorCodes: ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'FORBIDDEN'], timestamp: NOW }).map(parse);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ Service: 'gateway', Operation: 'TopProducts', Requests: 1, Latency: 42 });
    expect(lines[0]!._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: METRICS_NAMESPACE,
      Dimensions: GRAPHQL_METRICS.requests.dimensionSets,
      Metrics: [{ Name: 'Requests', Unit: 'Count' }, { Name: 'Latency', Unit: 'Milliseconds' }],
    });
    expect(lines.slice(1).map((l) => [l.Code, l.Errors, l._aws.CloudWatchMetrics[0]!.Dimensions])).toEqual([
      ['SUBGRAPH_UNAVAILABLE', 1, GRAPHQL_METRICS.errors.dimensionSets],
      ['FORBIDDEN', 1, GRAPHQL_METRICS.errors.dimensionSets],
    ]);
  });

  it('writes every other metric of the contract under its own dimension sets', () => {
    const sample = { service: 'gateway', timestamp: NOW };
    const lines = [
      [subgraphLatencyLine({ ...sample, subgraph: 'reviews', latenciesMs: [5, 7] }), GRAPHQL_METRICS.subgraphLatency, { Subgraph: 'reviews', SubgraphLatency: [5, 7] }],
      [cacheLine({ ...sample, cache: 'Product', hits: 9, misses: 1 }), GRAPHQL_METRICS.cacheHits, { Cache: 'Product', CacheHits: 9, CacheMisses: 1 }],
      [rateLimitedLine(sample), GRAPHQL_METRICS.rateLimited, { RateLimited: 1 }],
      [refusedLine({ ...sample, reason: 'QUERY_TOO_COMPLEX' }), GRAPHQL_METRICS.refused, { Reason: 'QUERY_TOO_COMPLEX', Refused: 1 }],
      [sagaOutcomeLine({ service: 'orders', outcome: 'compensationFailed', timestamp: NOW }), GRAPHQL_METRICS.sagaOutcomes, { Service: 'orders', Outcome: 'compensationFailed', SagaOutcomes: 1 }],
    ] as const;
    for (const [line, spec, members] of lines) {
      const doc = parse(line);
      expect(doc).toMatchObject(members);
      expect(doc._aws.CloudWatchMetrics[0]!.Dimensions).toEqual(spec.dimensionSets);
      expect(doc._aws.CloudWatchMetrics[0]!.Metrics[0]).toEqual({ Name: spec.name, Unit: spec.unit });
    }
  });

  it('keeps every metric per service and every name unique', () => {
    const specs = Object.values(GRAPHQL_METRICS);
    expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);
    for (const spec of specs) for (const set of spec.dimensionSets) expect(set[0]).toBe(DIMENSION.service);
  });

  it('names an operation only when it is a GraphQL name the caller vouches for', () => {
    const manifest = new Set(['TopProducts']);
    const known = (name: string) => manifest.has(name);
    expect(operationDimension('TopProducts', known)).toBe('TopProducts');
    expect(operationDimension('MadeUp1234', known)).toBe(OTHER_OPERATION);
    expect(operationDimension(undefined, known)).toBe(OTHER_OPERATION);
    expect(operationDimension('not a name', () => true)).toBe(OTHER_OPERATION);
    expect(operationDimension('x'.repeat(101), () => true)).toBe(OTHER_OPERATION);
  });
});
