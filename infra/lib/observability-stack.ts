import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { SUBGRAPHS } from './catalog.ts';
import type { DataStack } from './data-stack.ts';
import { GraphqlMonitoring } from './observability/graphql-monitoring.ts';
import { topicAlarm } from './observability/topic-alarm.ts';
import type { ServicesStack } from './services-stack.ts';

export interface ObservabilityStackProps extends StackProps {
  readonly services: ServicesStack;
  readonly data: DataStack;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms on what hurts callers first (the GraphQL layer's own metrics, then the load balancer,
 * tasks and stores), an SNS topic to route them, and one dashboard.
 */
export class ObservabilityStack extends Stack {
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly graphql: GraphqlMonitoring;
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { services, data } = props;

    this.alarmTopic = new sns.Topic(this, 'Alarms', {
      displayName: 'Tributary alarms',
      enforceSSL: true,
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    this.action = new actions.SnsAction(this.alarmTopic);

    // GraphQL, from the services' embedded metric format log lines.
    this.graphql = new GraphqlMonitoring(this, 'Graphql', { action: this.action, subgraphs: SUBGRAPHS.map((s) => s.name) });

    // Gateway, as callers see it.
    const alb = services.loadBalancer.metrics;
    const tg = services.targetGroup.metrics;
    const errorRate = new cloudwatch.MathExpression({
      label: 'gateway 5xx %',
      expression: '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / FILL(requests, 1)',
      usingMetrics: {
        target5xx: tg.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT),
        elb5xx: alb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT),
        requests: alb.requestCount(),
      },
      period: FIVE_MINUTES,
    });
    const p99 = tg.targetResponseTime({ statistic: 'p99', period: FIVE_MINUTES });
    this.alarm('Gateway5xxRate', errorRate, 1, 'More than 1% of gateway responses are 5xx');
    this.alarm('GatewayP99Latency', p99, 1, 'Gateway p99 latency above 1 s');

    // Tasks.
    const all = { gateway: services.gateway, ...services.subgraphs };
    for (const [name, svc] of Object.entries(all)) {
      this.alarm(`${name}Cpu`, svc.service.metricCpuUtilization({ period: FIVE_MINUTES }), 85, `${name} tasks CPU above 85%`);
      this.alarm(`${name}Memory`, svc.service.metricMemoryUtilization({ period: FIVE_MINUTES }), 85, `${name} tasks memory above 85%`);
    }

    // Redis, per node: a replica can be evicting or hot as much as the primary.
    const redisMetric = (metricName: string, nodeId: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ElastiCache',
        metricName,
        dimensionsMap: { CacheClusterId: nodeId },
        statistic,
        period: FIVE_MINUTES,
      });
    const redisNodes = data.redis.nodeIds.map((nodeId, i) => ({ nodeId, label: `node${i + 1}` }));
    for (const { nodeId, label } of redisNodes) {
      this.alarm(`RedisEvictions${label}`, redisMetric('Evictions', nodeId, 'Sum'), 1000, `Redis ${label} evicting: cache too small`);
      this.alarm(`RedisCpu${label}`, redisMetric('EngineCPUUtilization', nodeId, 'Average'), 80, `Redis ${label} engine CPU above 80%`);
    }

    // PostgreSQL.
    const db = data.postgres.instance;
    this.alarm('RdsCpu', db.metricCPUUtilization({ period: FIVE_MINUTES }), 80, 'RDS CPU above 80%');
    this.alarm('RdsConnections', db.metricDatabaseConnections({ period: FIVE_MINUTES }), 300, 'RDS connections above 300');

    // DynamoDB.
    const throttles = Object.entries({ products: data.productsTable, inventory: data.inventoryTable }).map(
      ([name, table]) => {
        const metric = new cloudwatch.MathExpression({
          label: `${name} throttled`,
          // Ids unique across tables: the dashboard graphs both expressions together.
          expression: `FILL(${name}Reads, 0) + FILL(${name}Writes, 0)`,
          usingMetrics: {
            [`${name}Reads`]: table.metric('ReadThrottleEvents', { statistic: 'Sum' }),
            [`${name}Writes`]: table.metric('WriteThrottleEvents', { statistic: 'Sum' }),
          },
          period: FIVE_MINUTES,
        });
        this.alarm(`${name}TableThrottles`, metric, 0, `DynamoDB ${name} table throttling`);
        return metric;
      },
    );

    const graph = (title: string, left: cloudwatch.IMetric[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left, width, height: 6 });
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        ...this.graphql.widgets,
        [
          graph('Gateway requests', [alb.requestCount({ period: Duration.minutes(1) })]),
          graph('Gateway 5xx %', [errorRate]),
          graph('Gateway latency p50 / p99', [tg.targetResponseTime({ statistic: 'p50' }), p99]),
        ],
        [
          graph('Tasks CPU %', Object.values(all).map((s) => s.service.metricCpuUtilization()), 12),
          graph('Tasks memory %', Object.values(all).map((s) => s.service.metricMemoryUtilization()), 12),
        ],
        [
          graph('RDS CPU % / connections', [db.metricCPUUtilization(), db.metricDatabaseConnections()]),
          graph('Redis evictions', redisNodes.map((n) => redisMetric('Evictions', n.nodeId, 'Sum'))),
          graph('DynamoDB throttles', throttles),
        ],
      ],
    });

    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Subscribe on-call here' });
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, description: string) {
    return topicAlarm(this, id, { metric, threshold, description, action: this.action });
  }
}
