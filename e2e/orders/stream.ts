import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { createKinesisClient, parseDomainEvent, type DomainEvent } from '@tributary/service-kit/subgraph';

/** Every domain event in the stack's stream so far, shard by shard from the oldest. */
export async function streamEvents({ streamName, kinesisEndpoint }: { streamName: string; kinesisEndpoint: string }): Promise<DomainEvent[]> {
  const client = createKinesisClient({ region: 'us-east-1', endpoint: kinesisEndpoint });
  try {
    const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: streamName }));
    const events: DomainEvent[] = [];
    for (const shard of Shards) {
      let { ShardIterator: iterator } = await client.send(
        new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      while (iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
        for (const record of page.Records ?? []) {
          const event = parseDomainEvent(record.Data!);
          if (event) events.push(event);
        }
        iterator = page.Records?.length ? page.NextShardIterator : undefined;
      }
    }
    return events;
  } finally {
    client.destroy();
  }
}
