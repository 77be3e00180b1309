import { Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/**
 * The sparse index of DynamoDB items whose outbox holds unpublished events, and its key, as the
 * kit's DynamoDB outbox names them (a test holds them equal).
 */
export const OUTBOX_INDEX = 'outboxPending';
export const OUTBOX_PENDING_ATTRIBUTE = 'outboxPending';

/** The name the services publish to (`EVENT_STREAM_NAME`). */
export const EVENT_STREAM_NAME = 'tributary-events';

/**
 * The domain event stream: a Kinesis data stream (on demand, encrypted with the Kinesis managed
 * key) that every service's outbox relay publishes to and the audit service reads, and a Firehose
 * delivery of all of it to S3, the long-term event store (the stream keeps a day).
 */
export class EventStream extends Construct {
  readonly stream: kinesis.Stream;
  readonly archive: s3.Bucket;
  readonly delivery: firehose.DeliveryStream;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.stream = new kinesis.Stream(this, 'Stream', {
      streamName: EVENT_STREAM_NAME,
      streamMode: kinesis.StreamMode.ON_DEMAND,
      encryption: kinesis.StreamEncryption.MANAGED,
      retentionPeriod: Duration.hours(24),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const accessLogs = new s3.Bucket(this, 'ArchiveAccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(accessLogs, { 'AwsSolutions-S1': 'This is the access log bucket of the event archive; logging it into itself would loop.' });

    this.archive = new s3.Bucket(this, 'Archive', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'events/',
      // Events are the record of what happened: kept, moved to colder storage as they age.
      lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }] }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.delivery = new firehose.DeliveryStream(this, 'Delivery', {
      source: new firehose.KinesisStreamSource(this.stream),
      destination: new firehose.S3Bucket(this.archive, {
        dataOutputPrefix: 'events/!{timestamp:yyyy/MM/dd}/',
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
        bufferingInterval: Duration.minutes(5),
        bufferingSize: Size.mebibytes(64),
        compression: firehose.Compression.GZIP,
      }),
    });
    acknowledge(this.delivery, {
      'AwsSolutions-KDF1':
        'A delivery stream whose source is a Kinesis stream cannot have server-side encryption of its own: records are encrypted in the source stream (KMS) and in the archive bucket (SSE-S3).',
      'AwsSolutions-IAM5[Action::s3:GetObject*]': "CDK's S3 destination grant to Firehose: object actions on the archive bucket's own objects only.",
      'AwsSolutions-IAM5[Action::s3:GetBucket*]': "CDK's S3 destination grant to Firehose: bucket reads on the archive bucket only.",
      'AwsSolutions-IAM5[Action::s3:List*]': "CDK's S3 destination grant to Firehose: listing the archive bucket only (multipart uploads).",
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]': "CDK's S3 destination grant to Firehose: it retries a failed upload by replacing its own object.",
      'AwsSolutions-IAM5[Action::s3:Abort*]': "CDK's S3 destination grant to Firehose: aborting its own multipart uploads in the archive bucket.",
      'AwsSolutions-IAM5[Resource::<EventsArchive04911E41.Arn>/*]': 'Firehose writes objects under date prefixes it chooses at delivery: the bucket\'s objects, no other bucket.',
    });
    acknowledge(Stack.of(this), {
      'CloudFormation-Validate::W7001':
        "The Firehose construct adds a mapping of Firehose's CIDR blocks per region for destinations in a VPC; an S3 destination needs none, so nothing refers to it.",
    });
  }
}
