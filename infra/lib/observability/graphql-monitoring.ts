import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import {
  DIMENSION,
  GRAPHQL_METRICS,
  METRICS_NAMESPACE,
  SAGA_OUTCOME,
  SERVER_ERROR_CODES,
  type MetricSpec,
} from '@tributary/service-kit/graphql-metrics';
import { topicAlarm } from './topic-alarm.ts';

export interface GraphqlMonitoringProps {
  readonly action: cloudwatch.IAlarmAction;
  /** The subgraphs the gateway calls: one latency alarm each. */
  readonly subgraphs: readonly string[];
  /** @default "gateway" */
  readonly gatewayService?: string;
  /** The service that runs the order saga. @default "orders" */
  readonly sagaService?: string;
}

/** Thresholds of the GraphQL alarms, named so they are tuned in one place. */
export const GRAPHQL_THRESHOLDS = {
  /** Percent of requests answered with a server-side error code. */
  serverErrorRatePercent: 1,
  p99LatencyMs: 1000,
  subgraphP99LatencyMs: 500,
  /** Requests refused with 429 per five minutes (10 a second). */
  rateLimitedPerFiveMinutes: 3000,
  /** Percent of sagas a step said no to. */
  sagaRejectionRatePercent: 25,
} as const;

const FIVE_MINUTES = Duration.minutes(5);

/** A metric of the contract, refused at synth unless `dimensions` is one of the sets it is published under. */
export function contractMetric(spec: MetricSpec, dimensions: Record<string, string>, statistic: string, period = FIVE_MINUTES) {
  const names = Object.keys(dimensions).sort().join(',');
  if (!spec.dimensionSets.some((set) => [...set].sort().join(',') === names)) {
    throw new Error(`${spec.name} is not published under the dimensions ${names}`);
  }
  return new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: spec.name, dimensionsMap: dimensions, statistic, period });
}

const search = (label: string, dimensions: readonly string[], filter: string, statistic: string, period = 300) =>
  new cloudwatch.MathExpression({
    label,
    expression: `SEARCH('{${METRICS_NAMESPACE},${dimensions.join(',')}} ${filter}', '${statistic}', ${period})`,
    usingMetrics: {},
    period: Duration.seconds(period),
  });

/**
 * Alarms and dashboard widgets on the GraphQL metrics services write as embedded metric format
 * log lines (`@tributary/service-kit/graphql-metrics`): server error rate by code, p99 latency
 * overall and per subgraph, spikes of rate-limited requests, saga rejections and failed
 * compensations.
 */
export class GraphqlMonitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly widgets: cloudwatch.IWidget[][];

  constructor(scope: Construct, id: string, props: GraphqlMonitoringProps) {
    super(scope, id);
    const { action } = props;
    const gateway = { [DIMENSION.service]: props.gatewayService ?? 'gateway' };
    const saga = props.sagaService ?? 'orders';
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, description: string, once = false) =>
      this.alarms.push(topicAlarm(this, alarmId, { metric, threshold, description, action, ...(once ? { evaluationPeriods: 1, datapointsToAlarm: 1 } : {}) }));

    const requests = contractMetric(GRAPHQL_METRICS.requests, gateway, 'Sum');
    for (const code of SERVER_ERROR_CODES) {
      const rate = new cloudwatch.MathExpression({
        label: `${code} %`,
        expression: '100 * FILL(errors, 0) / FILL(requests, 1)',
        usingMetrics: { errors: contractMetric(GRAPHQL_METRICS.errors, { ...gateway, [DIMENSION.code]: code }, 'Sum'), requests },
        period: FIVE_MINUTES,
      });
      alarm(`ErrorRate${code}`, rate, GRAPHQL_THRESHOLDS.serverErrorRatePercent, `More than ${GRAPHQL_THRESHOLDS.serverErrorRatePercent}% of GraphQL requests answered with ${code}`);
    }
    const p99 = contractMetric(GRAPHQL_METRICS.latency, gateway, 'p99');
    alarm('LatencyP99', p99, GRAPHQL_THRESHOLDS.p99LatencyMs, `GraphQL p99 latency above ${GRAPHQL_THRESHOLDS.p99LatencyMs} ms`);
    const subgraphP99 = props.subgraphs.map((name) => {
      const metric = contractMetric(GRAPHQL_METRICS.subgraphLatency, { ...gateway, [DIMENSION.subgraph]: name }, 'p99');
      alarm(`SubgraphLatencyP99${name}`, metric, GRAPHQL_THRESHOLDS.subgraphP99LatencyMs, `${name} subgraph p99 fetch latency above ${GRAPHQL_THRESHOLDS.subgraphP99LatencyMs} ms`);
      return metric;
    });
    const rateLimited = contractMetric(GRAPHQL_METRICS.rateLimited, gateway, 'Sum');
    alarm('RateLimitedSpike', rateLimited, GRAPHQL_THRESHOLDS.rateLimitedPerFiveMinutes, 'A spike of rate-limited requests: abuse, or limits too tight for real traffic');

    const outcome = (value: string) => contractMetric(GRAPHQL_METRICS.sagaOutcomes, { [DIMENSION.service]: saga, [DIMENSION.outcome]: value }, 'Sum');
    alarm('SagaCompensationFailed', outcome(SAGA_OUTCOME.compensationFailed), 0, 'An order saga could not undo a step: the order needs a person', true);
    const rejectionRate = new cloudwatch.MathExpression({
      label: 'sagas rejected %',
      expression: '100 * FILL(rejected, 0) / FILL(completed + rejected + compensated + failed, 1)',
      usingMetrics: {
        completed: outcome(SAGA_OUTCOME.completed),
        rejected: outcome(SAGA_OUTCOME.rejected),
        compensated: outcome(SAGA_OUTCOME.compensated),
        failed: outcome(SAGA_OUTCOME.compensationFailed),
      },
      period: FIVE_MINUTES,
    });
    alarm('SagaRejectionRate', rejectionRate, GRAPHQL_THRESHOLDS.sagaRejectionRatePercent, `More than ${GRAPHQL_THRESHOLDS.sagaRejectionRatePercent}% of order sagas rejected by a step`);

    const graph = (title: string, left: cloudwatch.IMetric[], width = 8) => new cloudwatch.GraphWidget({ title, left, width, height: 6 });
    const onGateway = `Service="${gateway[DIMENSION.service]}"`;
    const { service, code, operation, cache, reason, outcome: outcomeName } = DIMENSION;
    this.widgets = [
      [
        graph('GraphQL requests and errors by code', [requests, search('errors', [service, code], `MetricName="${GRAPHQL_METRICS.errors.name}" ${onGateway}`, 'Sum')]),
        graph('GraphQL latency p50 / p99', [contractMetric(GRAPHQL_METRICS.latency, gateway, 'p50'), p99]),
        graph('p99 latency by operation', [search('p99', [service, operation], `MetricName="${GRAPHQL_METRICS.latency.name}" ${onGateway}`, 'p99')]),
      ],
      [
        graph('Subgraph fetch latency p99', subgraphP99),
        graph('Cache hits and misses', [
          search('hits', [service, cache], `MetricName="${GRAPHQL_METRICS.cacheHits.name}"`, 'Sum'),
          search('misses', [service, cache], `MetricName="${GRAPHQL_METRICS.cacheMisses.name}"`, 'Sum'),
        ]),
        graph('Rate-limited and refused requests', [rateLimited, search('refused', [service, reason], `MetricName="${GRAPHQL_METRICS.refused.name}" ${onGateway}`, 'Sum')]),
      ],
      [graph('Order saga outcomes', [search('sagas', [service, outcomeName], `MetricName="${GRAPHQL_METRICS.sagaOutcomes.name}"`, 'Sum')], 24)],
    ];
  }
}
