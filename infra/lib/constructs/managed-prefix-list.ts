import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/** The AWS-managed prefix list of CloudFront's origin-facing addresses (the same name in every region). */
export const CLOUDFRONT_ORIGIN_FACING = 'com.amazonaws.global.cloudfront.origin-facing';

export interface ManagedPrefixListProps {
  /** @default CLOUDFRONT_ORIGIN_FACING */
  readonly name?: string;
}

/**
 * The id of an AWS-managed prefix list, found by name at deploy time. Its id differs per region
 * and `PrefixList.fromLookup` would need credentials at synth; this asks EC2 from
 * CloudFormation instead (`DescribeManagedPrefixLists`), so the stacks stay environment-agnostic.
 * A deployment that knows the id can pass it as the `cloudFrontPrefixListId` context value and
 * skip this lookup.
 */
export class ManagedPrefixList extends Construct {
  readonly prefixListId: string;

  constructor(scope: Construct, id: string, props: ManagedPrefixListProps = {}) {
    super(scope, id);
    const describe: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [props.name ?? CLOUDFRONT_ORIGIN_FACING] }] },
      physicalResourceId: cr.PhysicalResourceId.fromResponse('PrefixLists.0.PrefixListId'),
      outputPaths: ['PrefixLists.0.PrefixListId'],
    };
    const lookup = new cr.AwsCustomResource(this, 'Lookup', {
      onCreate: describe,
      onUpdate: describe,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    acknowledge(lookup, {
      'AwsSolutions-IAM5[Resource::*]':
        'ec2:DescribeManagedPrefixLists supports no resource-level permissions; it only reads prefix list metadata.',
    });
    this.prefixListId = lookup.getResponseField('PrefixLists.0.PrefixListId');
  }
}
