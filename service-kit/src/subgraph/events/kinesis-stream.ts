import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  PutRecordCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { inChildSpan } from '../../observability/request-scope.ts';
import { partitionKey, type DomainEvent } from './domain-event.ts';

/** Where events are published: a Kinesis data stream (kinesalite locally). */
export interface EventStream {
  readonly name: string;
  /**
   * Publishes one entity's events in the order given, each acknowledged before the next is sent
   * (PutRecords does not keep order within a call). Resolves with how many were published before
   * the first failure, which it rethrows only when none was: the rest stay in the outbox.
   */
  publishInOrder(events: readonly DomainEvent[]): Promise<number>;
  close(): void;
}

export interface KinesisOptions {
  streamName: string;
  region: string;
  /** kinesalite's URL; unset: AWS itself. */
  endpoint?: string | undefined;
}

/** A Kinesis client; against a local endpoint it signs with placeholder credentials, as dynalite's does. */
export function createKinesisClient({ region, endpoint }: Omit<KinesisOptions, 'streamName'>): KinesisClient {
  return new KinesisClient({
    region,
    retryMode: 'standard',
    maxAttempts: 3,
    // HTTP/1.1: the client's default handler is HTTP/2 (for SubscribeToShard), which kinesalite does not speak.
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 5_000, throwOnRequestTimeout: true }),
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

/** The event stream over Kinesis: each put is a span of the current request, when there is one. */
export function kinesisStream(options: KinesisOptions): EventStream {
  const client = createKinesisClient(options);
  const put = (event: DomainEvent) =>
    inChildSpan('Kinesis', 'aws', (span) => {
      span?.aws({ operation: 'PutRecord', region: options.region });
      span?.annotate('event_type', event.type);
      return client.send(
        new PutRecordCommand({
          StreamName: options.streamName,
          PartitionKey: partitionKey(event),
          Data: Buffer.from(JSON.stringify(event)),
        }),
      );
    });
  return {
    name: options.streamName,
    async publishInOrder(events) {
      let published = 0;
      for (const event of events) {
        try {
          await put(event);
        } catch (error) {
          if (published === 0) throw error;
          return published;
        }
        published += 1;
      }
      return published;
    },
    close: () => client.destroy(),
  };
}

/** Creates the stream when absent and waits until it is ACTIVE (local endpoints: on AWS the CDK app owns it). */
export async function ensureStream(client: KinesisClient, streamName: string, shards = 1): Promise<boolean> {
  let created = false;
  try {
    await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shards }));
    created = true;
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
      if (StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return created;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`stream ${streamName} did not become ACTIVE`);
}
