import { Fn, SecretValue } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

export interface RedisCacheProps {
  readonly vpc: ec2.IVpc;
  /** @default cache.t4g.small */
  readonly nodeType?: string;
}

const PORT = 6379;

/**
 * ElastiCache Redis replication group: a primary and a replica in another AZ
 * with automatic failover, TLS required in transit, encrypted at rest, and an
 * AUTH token generated in Secrets Manager. Services get `REDIS_URL` as a secret.
 */
export class RedisCache extends Construct {
  readonly replicationGroup: elasticache.CfnReplicationGroup;
  readonly securityGroup: ec2.SecurityGroup;
  readonly port = PORT;
  /** `rediss://:token@primary:6379`, the services' REDIS_URL. */
  readonly url: secretsmanager.ISecret;
  /** Node ids (`<group>-001`, `<group>-002`), the CacheClusterId dimension of node metrics. */
  readonly nodeIds: readonly string[];

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);

    const authToken = new secretsmanager.Secret(this, 'AuthToken', {
      description: 'AUTH token of the Tributary Redis replication group',
      // ElastiCache accepts 16-128 printable characters without @, " or /.
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Redis: reachable only from the Tributary services',
      allowAllOutbound: false,
    });

    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: 'Tributary Redis, isolated subnets',
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });

    // A cache, not a store: evict any key under memory pressure rather than refuse writes.
    const parameters = new elasticache.CfnParameterGroup(this, 'Parameters', {
      cacheParameterGroupFamily: 'redis7',
      description: 'Tributary entity cache',
      properties: { 'maxmemory-policy': 'allkeys-lru' },
    });

    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: 'Tributary entity and plan cache',
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: props.nodeType ?? 'cache.t4g.small',
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      authToken: authToken.secretValue.unsafeUnwrap(),
      port: PORT,
      cacheSubnetGroupName: subnetGroup.ref,
      cacheParameterGroupName: parameters.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      snapshotRetentionLimit: 1,
      autoMinorVersionUpgrade: true,
    });

    acknowledge(this, {
      'AwsSolutions-AEC5':
        'Reachable only from the services\' security groups in isolated subnets, with TLS and AUTH; a non-default port adds no protection.',
      'AwsSolutions-SMG4':
        'ElastiCache AUTH token rotation is a two-step ROTATE/SET modify of the replication group that a rotation Lambda cannot do safely with REDIS_URL consumers; rotate by a planned redeploy.',
    });

    this.nodeIds = ['001', '002'].map((n) => Fn.join('-', [this.replicationGroup.ref, n]));

    this.url = new secretsmanager.Secret(this, 'Url', {
      description: 'REDIS_URL of the Tributary services',
      // The token stays a dynamic reference resolved at deploy time, never written into the template.
      secretStringValue: SecretValue.unsafePlainText(
        Fn.join('', [
          'rediss://:',
          authToken.secretValue.unsafeUnwrap(),
          '@',
          this.replicationGroup.attrPrimaryEndPointAddress,
          ':',
          this.replicationGroup.attrPrimaryEndPointPort,
        ]),
      ),
    });
  }
}
