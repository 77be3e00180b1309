import type { Logger } from '../../observability/logger.ts';
import { createKinesisClient, ensureStream, kinesisStream, type EventStream } from './kinesis-stream.ts';

/** What opening the event stream reads of a service's config (the kit's baseEnv and eventsEnv). */
export interface EventsConfig {
  AWS_REGION: string;
  EVENT_STREAM_NAME: string;
  KINESIS_ENDPOINT?: string | undefined;
  EVENT_RELAY_INTERVAL_MS: number;
}

/** The service's event stream; against a local endpoint, created when absent (on AWS the CDK app owns it). */
export async function openEventStream(config: EventsConfig, logger: Logger): Promise<EventStream> {
  const options = { streamName: config.EVENT_STREAM_NAME, region: config.AWS_REGION, endpoint: config.KINESIS_ENDPOINT };
  if (config.KINESIS_ENDPOINT) {
    const client = createKinesisClient(options);
    try {
      if (await ensureStream(client, config.EVENT_STREAM_NAME)) logger.info({ stream: config.EVENT_STREAM_NAME }, 'stream created');
    } finally {
      client.destroy();
    }
  }
  return kinesisStream(options);
}
