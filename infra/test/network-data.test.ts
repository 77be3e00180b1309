import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOf, synthTributary } from './tributary-app.ts';

const { stacks, template } = synthTributary();
const network = template(stacks.network);
const data = template(stacks.data);

describe('network', () => {
  it('spans two AZs with public, app and isolated subnets', () => {
    const subnets = Object.values(resourcesOf(network, 'AWS::EC2::Subnet'));
    expect(subnets).toHaveLength(6);
    expect(subnets.filter((s) => s.Properties.MapPublicIpOnLaunch === true)).toHaveLength(2);
  });

  it('keeps ECR, Logs, X-Ray and Secrets Manager traffic on interface endpoints', () => {
    const services = Object.values(resourcesOf(network, 'AWS::EC2::VPCEndpoint')).map((e) =>
      JSON.stringify(e.Properties.ServiceName),
    );
    for (const service of ['ecr.api', 'ecr.dkr', 'logs', 'xray', 'secretsmanager', 'dynamodb', 's3']) {
      expect(services.some((s) => s.includes(`.${service}`)), service).toBe(true);
    }
    network.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
    });
  });
});

describe('data', () => {
  it('runs PostgreSQL Multi-AZ, encrypted, with generated credentials and force_ssl', () => {
    data.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      MultiAZ: true,
      StorageEncrypted: true,
      DeletionProtection: true,
      PubliclyAccessible: false,
      MasterUserPassword: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
    });
    data.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: Match.objectLike({ 'rds.force_ssl': '1' }) });
    data.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
  });

  it('keeps a password and a DATABASE_URL secret per Postgres service, with no secret in the template', () => {
    const secrets = Object.values(resourcesOf(data, 'AWS::SecretsManager::Secret'));
    const urls = secrets.filter((s) => /DATABASE_URL of the/.test(s.Properties.Description ?? ''));
    expect(urls.map((s) => s.Properties.Description).sort()).toEqual([
      'DATABASE_URL of the accounts service',
      'DATABASE_URL of the audit service',
      'DATABASE_URL of the orders service',
      'DATABASE_URL of the reviews service',
    ]);
    for (const url of urls) expect(JSON.stringify(url.Properties.SecretString)).toMatch(/\{\{resolve:secretsmanager:/);
  });

  it('stores products, inventory and payments on demand, with PITR and encryption, keyed as the services create them', () => {
    const tables = Object.values(resourcesOf(data, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    }
    expect(tables.map((t) => t.Properties.KeySchema[0].AttributeName).sort()).toEqual(['upc', 'upc', 'userId']);
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: 'byExpiry',
          KeySchema: [
            { AttributeName: 'sweep', KeyType: 'HASH' },
            { AttributeName: 'expiresAt', KeyType: 'RANGE' },
          ],
        }),
      ]),
    });
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: 'byRank',
          KeySchema: [
            { AttributeName: 'listing', KeyType: 'HASH' },
            { AttributeName: 'rank', KeyType: 'RANGE' },
          ],
        }),
      ]),
    });
  });

  it('caches in a Multi-AZ Redis replication group with TLS and an AUTH token from Secrets Manager', () => {
    data.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      NumCacheClusters: 2,
      MultiAZEnabled: true,
      AutomaticFailoverEnabled: true,
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      AtRestEncryptionEnabled: true,
      AuthToken: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('resolve:secretsmanager')])]) }),
    });
  });
});
