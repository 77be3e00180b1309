import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

export interface NetworkStackProps extends StackProps {
  /**
   * NAT gateways for image pulls from public registries (the X-Ray daemon).
   * AWS APIs go through the VPC endpoints below, not NAT.
   * @default 2 (one per AZ, so losing an AZ does not cut egress)
   */
  readonly natGateways?: number;
}

/**
 * A VPC across two AZs: public subnets for the ALB and NAT, private subnets
 * with egress for tasks, isolated subnets for RDS and ElastiCache. Interface
 * endpoints keep ECR, Logs, X-Ray and Secrets Manager traffic inside the VPC;
 * gateway endpoints do the same for DynamoDB and S3 (ECR image layers).
 */
export class NetworkStack extends Stack {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkStackProps = {}) {
    super(scope, id, props);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      // Env-agnostic: the AZs resolve at deploy time with Fn::GetAZs, no lookup at synth.
      maxAzs: 2,
      natGateways: props.natGateways ?? 2,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: {
        DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
      },
      flowLogs: {
        rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(
            new logs.LogGroup(this, 'FlowLogs', { retention: logs.RetentionDays.ONE_MONTH }),
          ),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });

    const endpoints = {
      EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      XRay: ec2.InterfaceVpcEndpointAwsService.XRAY,
      SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    };
    for (const [name, service] of Object.entries(endpoints)) {
      const endpoint = this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        privateDnsEnabled: true,
      });
      acknowledge(endpoint, {
        'AwsSolutions-EC23':
          'Ingress is HTTPS from the VPC CIDR only; the rule cannot evaluate the CIDR, a deploy-time attribute.',
      });
    }
  }
}
