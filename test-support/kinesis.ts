import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { createKinesisClient, ensureStream, parseDomainEvent, type DomainEvent } from '@tributary/service-kit/subgraph';
import { startEmbeddedKinesis } from '@tributary/stack';

export interface TestKinesis {
  endpoint: string;
  /** Creates a stream (`shards` of them) and waits until it is ACTIVE. */
  createStream(name: string, shards?: number): Promise<void>;
  /** Every event in the stream, shard by shard from the oldest, each shard in its order. */
  readEvents(name: string): Promise<DomainEvent[]>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Every event in stream `name` at `endpoint`, shard by shard from the oldest, each shard in its order. */
export async function readStreamEvents(endpoint: string, name: string): Promise<DomainEvent[]> {
  const client = createKinesisClient({ region: 'us-east-1', endpoint });
  try {
    const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: name }));
    const events: DomainEvent[] = [];
    for (const shard of Shards) {
      let { ShardIterator: iterator } = await client.send(
        new GetShardIteratorCommand({ StreamName: name, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      while (iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
        for (const record of page.Records ?? []) events.push(parseDomainEvent(record.Data!)!);
        iterator = page.Records?.length ? page.NextShardIterator : undefined;
      }
    }
    return events;
  } finally {
    client.destroy();
  }
}

/** A fresh in-memory kinesalite on a free port, read and written through the AWS SDK, closed on dispose. */
export async function startTestKinesis(): Promise<TestKinesis> {
  const kinesis = await startEmbeddedKinesis();
  const client = createKinesisClient({ region: 'us-east-1', endpoint: kinesis.endpoint });
  return {
    endpoint: kinesis.endpoint,
    createStream: async (name, shards = 1) => void (await ensureStream(client, name, shards)),
    readEvents: (name) => readStreamEvents(kinesis.endpoint, name),
    async [Symbol.asyncDispose]() {
      client.destroy();
      await kinesis.stop();
    },
  };
}
