import { Aws, CfnCondition, CfnMapping, CfnResource, Fn } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';

export interface LoadBalancerAccessLogsProps {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly bucket: s3.IBucket;
  readonly prefix: string;
}

/**
 * ALB access logs for an environment-agnostic stack. CDK's `logAccessLogs`
 * needs the region at synth time because who writes the logs depends on it:
 * regions older than August 2022 write as a regional ELB account, newer ones
 * as the `logdelivery.elasticloadbalancing.amazonaws.com` service. Here the
 * choice is made at deploy time from a region map.
 */
export class LoadBalancerAccessLogs extends Construct {
  constructor(scope: Construct, id: string, props: LoadBalancerAccessLogsProps) {
    super(scope, id);

    const accounts = new CfnMapping(this, 'ElbAccounts', {
      mapping: Object.fromEntries(
        RegionInfo.regions.map((r) => [r.name, { account: r.elbv2Account ?? 'none' }]),
      ),
    });
    const elbAccount = accounts.findInMap(Aws.REGION, 'account');
    const legacyRegion = new CfnCondition(this, 'LegacyRegion', {
      expression: Fn.conditionNot(Fn.conditionEquals(elbAccount, 'none')),
    });

    props.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects(`${props.prefix}/AWSLogs/${Aws.ACCOUNT_ID}/*`)],
        principals: [
          new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com'),
          // In newer regions this falls back to the stack's own account, which holds the bucket anyway.
          new iam.AccountPrincipal(Fn.conditionIf(legacyRegion.logicalId, elbAccount, Aws.ACCOUNT_ID).toString()),
        ],
      }),
    );

    props.loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
    props.loadBalancer.setAttribute('access_logs.s3.bucket', props.bucket.bucketName);
    props.loadBalancer.setAttribute('access_logs.s3.prefix', props.prefix);
    // ELB checks that it may write when the attribute is set, so the policy must exist first.
    const policy = props.bucket.policy?.node.defaultChild;
    const lb = props.loadBalancer.node.defaultChild;
    if (CfnResource.isCfnResource(policy) && CfnResource.isCfnResource(lb)) lb.addResourceDependency(policy);
  }
}
