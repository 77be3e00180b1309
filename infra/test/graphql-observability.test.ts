import { DIMENSION, GRAPHQL_METRICS, METRICS_NAMESPACE, SAGA_OUTCOME, SERVER_ERROR_CODES } from '@tributary/service-kit/graphql-metrics';
import { describe, expect, it } from 'vitest';
import { emptyRequestMetrics, requestMetricLines } from '../../service-kit/src/observability/request-metrics.ts';
import { emittedMetrics } from '../../test-support/emf.ts';
import { SUBGRAPHS } from '../lib/catalog.ts';
import { contractMetric, GRAPHQL_THRESHOLDS } from '../lib/observability/graphql-monitoring.ts';
import { resourcesOf, synthTributary } from './tributary-app.ts';

const { stacks, template } = synthTributary();
const observability = template(stacks.observability);
const alarms = Object.values(resourcesOf(observability, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const topic = { Ref: Object.keys(resourcesOf(observability, 'AWS::SNS::Topic'))[0] };

type Stat = { MetricName: string; Namespace: string; Dimensions: { Name: string; Value: string }[] };
/** The contract metrics an alarm reads, directly or through metric math. */
const metricsOf = (alarm: any): Stat[] =>
  alarm.Metrics ? alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric) : [{ MetricName: alarm.MetricName, Namespace: alarm.Namespace, Dimensions: alarm.Dimensions }];
const graphqlAlarms = alarms.filter((a) => metricsOf(a).some((m) => m.Namespace === METRICS_NAMESPACE));
const dims = (m: Stat) => Object.fromEntries(m.Dimensions.map((d) => [d.Name, d.Value]));
const sameDimensions = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const find = (metric: string, dimensions: Record<string, string>) =>
  graphqlAlarms.filter((a) => metricsOf(a).some((m) => m.MetricName === metric && sameDimensions(dims(m), dimensions)));

describe('GraphQL alarms, on the metrics contract', () => {
  it('alarms on the rate of each server-side error code over all requests', () => {
    for (const code of SERVER_ERROR_CODES) {
      const [alarm] = find(GRAPHQL_METRICS.errors.name, { Service: 'gateway', Code: code });
      expect(alarm, code).toBeDefined();
      expect(metricsOf(alarm).map((m) => m.MetricName).sort()).toEqual([GRAPHQL_METRICS.errors.name, GRAPHQL_METRICS.requests.name].sort());
      expect(alarm!.Metrics.find((m: any) => m.Expression)).toMatchObject({ Expression: '100 * FILL(errors, 0) / FILL(requests, 1)', ReturnData: true });
      expect(alarm!.Threshold).toBe(GRAPHQL_THRESHOLDS.serverErrorRatePercent);
    }
  });

  it('alarms on p99 latency overall and per subgraph', () => {
    expect(find(GRAPHQL_METRICS.latency.name, { Service: 'gateway' })).toEqual([
      expect.objectContaining({ ExtendedStatistic: 'p99', Threshold: GRAPHQL_THRESHOLDS.p99LatencyMs }),
    ]);
    for (const { name } of SUBGRAPHS) {
      expect(find(GRAPHQL_METRICS.subgraphLatency.name, { Service: 'gateway', Subgraph: name }), name).toEqual([
        expect.objectContaining({ ExtendedStatistic: 'p99', Threshold: GRAPHQL_THRESHOLDS.subgraphP99LatencyMs }),
      ]);
    }
  });

  it('alarms on spikes of rate-limited requests', () => {
    expect(find(GRAPHQL_METRICS.rateLimited.name, { Service: 'gateway' })).toEqual([
      expect.objectContaining({ Statistic: 'Sum', Threshold: GRAPHQL_THRESHOLDS.rateLimitedPerFiveMinutes }),
    ]);
  });

  it('pages at the first failed saga compensation, and on a high rate of rejected sagas', () => {
    const failed = find(GRAPHQL_METRICS.sagaOutcomes.name, { Service: 'orders', Outcome: SAGA_OUTCOME.compensationFailed });
    const once = failed.find((a) => !a.Metrics);
    expect(once).toMatchObject({ Statistic: 'Sum', Threshold: 0, EvaluationPeriods: 1, DatapointsToAlarm: 1 });
    const [rejection] = find(GRAPHQL_METRICS.sagaOutcomes.name, { Service: 'orders', Outcome: SAGA_OUTCOME.rejected });
    expect(metricsOf(rejection).map((m) => dims(m)[DIMENSION.outcome]).sort()).toEqual(Object.values(SAGA_OUTCOME).sort());
    expect(rejection!.Threshold).toBe(GRAPHQL_THRESHOLDS.sagaRejectionRatePercent);
  });

  it('reads every metric under a dimension set the contract publishes, and routes every alarm to the topic', () => {
    const specs = Object.values(GRAPHQL_METRICS);
    for (const alarm of graphqlAlarms) {
      for (const metric of metricsOf(alarm)) {
        const spec = specs.find((s) => s.name === metric.MetricName)!;
        const names = Object.keys(dims(metric)).sort().join(',');
        expect(spec.dimensionSets.map((set) => [...set].sort().join(',')), `${metric.MetricName} by ${names}`).toContain(names);
      }
      expect(alarm.AlarmActions).toEqual([topic]);
      expect(alarm.OKActions).toEqual([topic]);
    }
    expect(graphqlAlarms).toHaveLength(SERVER_ERROR_CODES.length + 1 + SUBGRAPHS.length + 1 + 2);
    expect(() => contractMetric(GRAPHQL_METRICS.latency, { Service: 'gateway', Code: 'X' }, 'p99')).toThrow(/not published under/);
  });
});

describe('the dashboard', () => {
  const body = JSON.stringify(Object.values(resourcesOf(observability, 'AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);
  it.each([
    'GraphQL requests and errors by code',
    'GraphQL latency p50 / p99',
    'p99 latency by operation',
    'Subgraph fetch latency p99',
    'Cache hits and misses',
    'Rate-limited and refused requests',
    'Order saga outcomes',
  ])('draws %s', (title) => {
    expect(body).toContain(title);
  });

  it('finds errors by code, latency by operation, caches, refusals and saga outcomes with SEARCH over the contract', () => {
    for (const [metric, dimensions] of [
      [GRAPHQL_METRICS.errors, 'Service,Code'],
      [GRAPHQL_METRICS.latency, 'Service,Operation'],
      [GRAPHQL_METRICS.cacheHits, 'Service,Cache'],
      [GRAPHQL_METRICS.cacheMisses, 'Service,Cache'],
      [GRAPHQL_METRICS.refused, 'Service,Reason'],
      [GRAPHQL_METRICS.sagaOutcomes, 'Service,Outcome'],
    ] as const) {
      expect(body, metric.name).toContain(`SEARCH('{${METRICS_NAMESPACE},${dimensions}} MetricName=\\\\\\"${metric.name}\\\\\\"`);
    }
  });
});

describe('the metrics the services write (service-kit request-metrics.ts), against what the alarms and dashboard read', () => {
  // A gateway request that went through every path the emitter knows, and a subgraph's lookups.
  const gateway = emptyRequestMetrics();
  for (const code of SERVER_ERROR_CODES) gateway.errorCodes.add(code);
  for (const { name } of SUBGRAPHS) gateway.subgraphLatenciesMs.set(name, [12, 30]);
  gateway.rateLimited = true;
  gateway.refused = 'QUERY_TOO_COMPLEX';
  const subgraph = emptyRequestMetrics();
  subgraph.caches.set('Product', { hits: 3, misses: 1 });
  const emitted = emittedMetrics(
    [
      ...requestMetricLines(gateway, { service: 'gateway', operationName: 'TopProducts', latencyMs: 42, knownOperation: () => true }),
      ...requestMetricLines(subgraph, { service: 'products', operationName: undefined, latencyMs: 3 }),
    ].join('\n'),
  );
  const written = (name: string, dimensions: Record<string, string>) => emitted.some((m) => m.name === name && m.namespace === METRICS_NAMESPACE && sameDimensions(m.dimensions, dimensions));

  it('writes every metric an alarm reads, under the same dimensions; only saga outcomes have no emitter (no saga runs here)', () => {
    const missing = new Set<string>();
    for (const alarm of graphqlAlarms) {
      for (const metric of metricsOf(alarm)) if (!written(metric.MetricName, dims(metric))) missing.add(metric.MetricName);
    }
    expect([...missing]).toEqual([GRAPHQL_METRICS.sagaOutcomes.name]);
  });

  it('writes every metric a dashboard SEARCH finds, under its dimension set', () => {
    const body = JSON.stringify(Object.values(resourcesOf(observability, 'AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);
    const searches = [...body.matchAll(/SEARCH\('\{Tributary,([A-Za-z,]+)\} MetricName=\\+"(\w+)\\+"/g)].map((m) => ({ dimensions: m[1]!, name: m[2]! }));
    expect(searches.length).toBeGreaterThanOrEqual(6);
    for (const { dimensions, name } of searches.filter((s) => s.name !== GRAPHQL_METRICS.sagaOutcomes.name)) {
      const names = dimensions.split(',').sort().join(',');
      expect(emitted.some((m) => m.name === name && Object.keys(m.dimensions).sort().join(',') === names), `${name} by ${names}`).toBe(true);
    }
  });
});
