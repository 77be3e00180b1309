import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

export interface DatabaseBootstrapProps {
  readonly cluster: ecs.ICluster;
  readonly instance: rds.DatabaseInstance;
  /** Per database: the password secret of the user of the same name. */
  readonly passwords: Readonly<Record<string, secretsmanager.ISecret>>;
}

// psql variables keep names and passwords quoted (%I, %L); \gexec runs each generated statement.
// The master user gets membership of each role it creates, which PostgreSQL 16+ requires
// before it may create a database owned by that role.
const bootstrapScript = `set -eu
until pg_isready -q; do sleep 2; done
for db in $DATABASES; do
  password=$(printenv "$(echo "$db" | tr a-z A-Z)_PASSWORD")
  psql -v ON_ERROR_STOP=1 -v db="$db" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'db') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db') \\gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'db', :'password') \\gexec
SELECT format('GRANT %I TO CURRENT_USER', :'db') \\gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'db') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \\gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \\gexec
SQL
  echo "database $db ready"
done`;

/**
 * Creates, in RDS, one login role and one database owned by it per
 * Postgres-backed service (idempotently, and resetting the password to the
 * one in Secrets Manager). It runs as a one-off Fargate task with psql, started
 * by a custom resource on every deploy that changes its task definition. Each
 * service then creates its own schema and tables through its migrations.
 */
export class DatabaseBootstrap extends Construct {
  /** Depend on this to start after the bootstrap task has been launched. */
  readonly trigger: cr.AwsCustomResource;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: DatabaseBootstrapProps) {
    super(scope, id);
    const master = props.instance.secret;
    if (!master) throw new Error('DatabaseBootstrap needs an instance with generated master credentials');
    const names = Object.keys(props.passwords);

    const task = new ecs.FargateTaskDefinition(this, 'Task', { cpu: 256, memoryLimitMiB: 512 });
    const secrets: Record<string, ecs.Secret> = {
      PGHOST: ecs.Secret.fromSecretsManager(master, 'host'),
      PGUSER: ecs.Secret.fromSecretsManager(master, 'username'),
      PGPASSWORD: ecs.Secret.fromSecretsManager(master, 'password'),
    };
    for (const [name, secret] of Object.entries(props.passwords)) {
      secrets[`${name.toUpperCase()}_PASSWORD`] = ecs.Secret.fromSecretsManager(secret);
    }
    task.addContainer('psql', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/postgres:17-alpine'),
      command: ['sh', '-c', bootstrapScript],
      environment: { DATABASES: names.join(' '), PGDATABASE: 'postgres', PGSSLMODE: 'require' },
      secrets,
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'db-bootstrap',
        logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH }),
      }),
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.cluster.vpc,
      description: 'Tributary database bootstrap task',
      allowAllOutbound: true,
    });
    // From this side, so the ingress rule lives in this stack and the data stack never refers back to it.
    this.securityGroup.connections.allowToDefaultPort(props.instance, 'database bootstrap');

    const subnets = props.cluster.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds;
    const runTask: cr.AwsSdkCall = {
      service: 'ECS',
      action: 'runTask',
      parameters: {
        cluster: props.cluster.clusterArn,
        taskDefinition: task.taskDefinitionArn,
        launchType: 'FARGATE',
        networkConfiguration: {
          awsvpcConfiguration: { subnets, securityGroups: [this.securityGroup.securityGroupId], assignPublicIp: 'DISABLED' },
        },
      },
      // A new task definition revision (new databases, new script) runs the task again.
      physicalResourceId: cr.PhysicalResourceId.of(task.taskDefinitionArn),
    };
    this.trigger = new cr.AwsCustomResource(this, 'Run', {
      onCreate: runTask,
      onUpdate: runTask,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['ecs:RunTask'],
          resources: [task.taskDefinitionArn],
          conditions: { ArnEquals: { 'ecs:cluster': props.cluster.clusterArn } },
        }),
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [task.taskRole.roleArn, task.obtainExecutionRole().roleArn],
        }),
      ]),
    });
    this.trigger.node.addDependency(props.instance);

    acknowledge(task, {
      'AwsSolutions-ECS2': 'Plain environment holds only the database names and libpq settings; credentials come from Secrets Manager.',
    });
    // The custom resource's singleton Lambda, shared by every AwsCustomResource in the stack.
    const provider = Stack.of(this).node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider) {
      acknowledge(provider, {
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
          'The CDK custom resource provider needs only to write its own logs, which is what this managed policy grants.',
      });
    }
  }
}
