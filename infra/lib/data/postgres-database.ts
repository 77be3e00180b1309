import { Duration, Fn, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

export interface PostgresDatabaseProps {
  readonly vpc: ec2.IVpc;
  /** One database and one user of the same name per Postgres-backed service. */
  readonly databases: readonly string[];
  /** @default db.t4g.medium */
  readonly instanceType?: ec2.InstanceType;
}

/**
 * RDS PostgreSQL, Multi-AZ and encrypted, with the master credentials in
 * Secrets Manager (rotated) and, per service, a generated password and a
 * ready-made `DATABASE_URL` secret. The roles and databases themselves are
 * created in the database by the services stack's bootstrap task.
 */
export class PostgresDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;
  /** Per service: its own user's password (read only by the bootstrap task). */
  readonly passwords: Readonly<Record<string, secretsmanager.ISecret>>;
  /** Per service: `postgres://user:password@host:port/db?...`, the service's DATABASE_URL. */
  readonly urls: Readonly<Record<string, secretsmanager.ISecret>>;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);

    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
      parameters: { 'rds.force_ssl': '1', log_min_duration_statement: '500' },
    });

    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
      instanceType:
        props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE4_GRAVITON, ec2.InstanceSize.MEDIUM),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      multiAz: true,
      storageEncrypted: true,
      storageType: rds.StorageType.GP3,
      allocatedStorage: 20,
      maxAllocatedStorage: 200,
      credentials: rds.Credentials.fromGeneratedSecret('tributary_admin'),
      parameterGroup,
      backupRetention: Duration.days(7),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      enablePerformanceInsights: true,
      cloudwatchLogsExports: ['postgresql'],
      autoMinorVersionUpgrade: true,
    });
    this.instance.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
    acknowledge(this.instance, {
      'AwsSolutions-RDS11':
        'Reachable only from the Postgres services\' security groups in isolated subnets; a non-default port adds no protection.',
    });

    const passwords: Record<string, secretsmanager.ISecret> = {};
    const urls: Record<string, secretsmanager.ISecret> = {};
    for (const name of props.databases) {
      const password = new secretsmanager.Secret(this, `${name}Password`, {
        description: `Password of the ${name} database user`,
        // URL-safe, since it is embedded in DATABASE_URL as is.
        generateSecretString: { passwordLength: 40, excludePunctuation: true },
      });
      passwords[name] = password;
      urls[name] = new secretsmanager.Secret(this, `${name}DatabaseUrl`, {
        description: `DATABASE_URL of the ${name} service`,
        // The password stays a dynamic reference, resolved by CloudFormation at deploy time:
        // no secret material is written into the template.
        secretStringValue: SecretValue.unsafePlainText(
          Fn.join('', [
            `postgres://${name}:`,
            password.secretValue.unsafeUnwrap(),
            '@',
            this.instance.dbInstanceEndpointAddress,
            ':',
            this.instance.dbInstanceEndpointPort,
            // libpq semantics for sslmode=require: encrypted, as rds.force_ssl demands.
            `/${name}?uselibpqcompat=true&sslmode=require`,
          ]),
        ),
      });
    }
    acknowledge(this, {
      'AwsSolutions-SMG4':
        'Service passwords and the DATABASE_URL secrets built from them change together: rotate by updating the password secret and redeploying (the bootstrap task resets the role password, the URL secret is rebuilt), then restart the services.',
    });
    this.passwords = passwords;
    this.urls = urls;
  }
}
