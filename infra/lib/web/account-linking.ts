import { Duration } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { SERVICE_CONNECT_NAMESPACE, SUBGRAPHS } from '../catalog.ts';
import { acknowledge } from '../nag.ts';

export interface AccountLinkingProps {
  readonly vpc: ec2.IVpc;
}

const accounts = SUBGRAPHS.find((s) => s.name === 'accounts')!;

/**
 * The user pool's pre token generation trigger (`functions/link-account`): creates the accounts
 * user of a Cognito user on their first sign-in and writes its id into every token. It runs in
 * the app subnets and calls the accounts subgraph task to task, found through Cloud Map where
 * Service Connect registers it; the services stack lets its security group reach accounts.
 */
export class AccountLinking extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: AccountLinkingProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Tributary account linking (calls accounts, Cloud Map and Cognito)',
      allowAllOutbound: true,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Tributary account linking trigger',
    });
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    logGroup.grantWrite(role);
    // What the Lambda service needs to attach the function to the VPC (the managed policy, inline).
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        resources: ['*'],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['servicediscovery:DiscoverInstances'],
        resources: ['*'],
        conditions: { StringEquals: { 'servicediscovery:NamespaceName': SERVICE_CONNECT_NAMESPACE, 'servicediscovery:ServiceName': accounts.name } },
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: fileURLToPath(new URL('../../functions/link-account/handler.ts', import.meta.url)),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      // Cognito gives a trigger 5 s; the accounts call gives up after 2.5 s.
      timeout: Duration.seconds(5),
      role,
      logGroup,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.securityGroup],
      environment: {
        ACCOUNTS_NAMESPACE: SERVICE_CONNECT_NAMESPACE,
        ACCOUNTS_SERVICE: accounts.name,
        ACCOUNTS_PORT: String(accounts.port),
      },
      // The AWS SDK comes with the runtime; only our code and zod are bundled.
      bundling: { externalModules: ['@aws-sdk/*'], minify: true, sourceMap: false },
    });
    acknowledge(this, {
      'AwsSolutions-IAM5[Resource::*]':
        'ENI management for VPC attachment and Cloud Map DiscoverInstances support no resource-level permissions; DiscoverInstances is limited by condition to the accounts service of the Service Connect namespace.',
    });
  }

  /**
   * Lets the function keep the link on `pool`'s users. A policy of its own, not the role's
   * default one: the pool names the function as its trigger, so a statement naming the pool in
   * a policy the function depends on would be a circular dependency.
   */
  grantLinking(pool: cognito.IUserPool): void {
    new iam.Policy(this, 'LinkUsers', {
      roles: [this.function.role!],
      statements: [new iam.PolicyStatement({ actions: ['cognito-idp:AdminUpdateUserAttributes'], resources: [pool.userPoolArn] })],
    });
  }
}
