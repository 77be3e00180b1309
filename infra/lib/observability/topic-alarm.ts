import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

export interface TopicAlarmProps {
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly description: string;
  readonly action: cloudwatch.IAlarmAction;
  /** @default 3 periods, 2 of them breaching: a single noisy period does not page */
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
}

/** An alarm above `threshold` that notifies `action` when it fires and when it clears; no data is fine. */
export function topicAlarm(scope: Construct, id: string, props: TopicAlarmProps): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: props.metric,
    threshold: props.threshold,
    alarmDescription: props.description,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: props.evaluationPeriods ?? 3,
    datapointsToAlarm: props.datapointsToAlarm ?? 2,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(props.action);
  alarm.addOkAction(props.action);
  return alarm;
}
