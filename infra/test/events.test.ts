import { OUTBOX_INDEX as KIT_OUTBOX_INDEX, OUTBOX_PENDING_ATTRIBUTE as KIT_PENDING } from '@tributary/service-kit/subgraph';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../lib/catalog.ts';
import { EVENT_STREAM_NAME, OUTBOX_INDEX, OUTBOX_PENDING_ATTRIBUTE } from '../lib/data/event-stream.ts';
import { EVENT_PUBLISHERS } from '../lib/services-stack.ts';
import { appContainers, resourcesOf, synthTributary } from './tributary-app.ts';

const { stacks, template } = synthTributary();
const data = template(stacks.data);
const services = template(stacks.services);
const containers = appContainers(services);

/** Kinesis actions granted to a service's task role. */
function kinesisActions(name: string): string[] {
  return Object.values(resourcesOf(services, 'AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: any) => r.Ref?.startsWith(`${name}TaskTaskRole`)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .flatMap((s: any) => [s.Action].flat())
    .filter((a: string) => a.startsWith('kinesis:'));
}

describe('the event stream', () => {
  it('is one on-demand Kinesis stream, encrypted with the Kinesis managed key', () => {
    data.resourceCountIs('AWS::Kinesis::Stream', 1);
    data.hasResourceProperties('AWS::Kinesis::Stream', {
      Name: EVENT_STREAM_NAME,
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('is delivered by Firehose to an encrypted, private, versioned S3 bucket: the long-term event store', () => {
    data.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventsStream'), 'Arn'] } },
      ExtendedS3DestinationConfiguration: Match.objectLike({
        BucketARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventsArchive'), 'Arn'] },
        CompressionFormat: 'GZIP',
        Prefix: Match.stringLikeRegexp('^events/'),
      }),
    });
    const archive = Object.entries(resourcesOf(data, 'AWS::S3::Bucket')).find(([id]) => /^EventsArchive[0-9A-F]{8}$/.test(id))![1];
    expect(archive.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('is written by every service with an outbox and read by audit, which cannot write it', () => {
    expect(EVENT_PUBLISHERS.sort()).toEqual(SUBGRAPHS.map((s) => s.name).filter((n) => n !== 'audit').sort());
    for (const name of EVENT_PUBLISHERS) {
      expect(kinesisActions(name), name).toEqual(expect.arrayContaining(['kinesis:PutRecord', 'kinesis:PutRecords']));
      expect(kinesisActions(name), name).not.toContain('kinesis:GetRecords');
    }
    expect(kinesisActions('audit')).toEqual(expect.arrayContaining(['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards']));
    expect(kinesisActions('audit')).not.toContain('kinesis:PutRecord');
    expect(kinesisActions('gateway')).toEqual([]);
  });

  it.each(SUBGRAPHS.map((s) => s.name))('%s is told the stream name', (name) => {
    expect(containers[name]!.container.Environment).toContainEqual({ Name: 'EVENT_STREAM_NAME', Value: expect.anything() });
  });

  it('gives each DynamoDB table the outbox sparse index the kit queries, and its service the right to query it', () => {
    expect([OUTBOX_INDEX, OUTBOX_PENDING_ATTRIBUTE]).toEqual([KIT_OUTBOX_INDEX, KIT_PENDING]);
    const tables = Object.values(resourcesOf(data, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      expect(table.Properties.GlobalSecondaryIndexes).toContainEqual({
        IndexName: OUTBOX_INDEX,
        KeySchema: [{ AttributeName: OUTBOX_PENDING_ATTRIBUTE, KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      });
    }
    const policies = JSON.stringify(resourcesOf(services, 'AWS::IAM::Policy'));
    expect(policies.match(new RegExp(`/index/${OUTBOX_INDEX}`, 'g'))?.length).toBeGreaterThanOrEqual(3);
  });
});
