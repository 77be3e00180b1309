import { createRequire } from 'node:module';
import type { Server } from 'node:net';
import { listen } from '@tributary/service-kit';

const require = createRequire(import.meta.url);
const kinesalite = require('kinesalite') as (options: { createStreamMs: number; deleteStreamMs: number; updateStreamMs: number; shardLimit: number }) => Server;

export interface EmbeddedKinesis {
  endpoint: string;
  stop(): Promise<void>;
}

/** kinesalite: the Kinesis API in memory (streams ACTIVE at once), as dynalite stands in for DynamoDB. */
export async function startEmbeddedKinesis(): Promise<EmbeddedKinesis> {
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 50 });
  const { origin } = await listen(server, 0, '127.0.0.1');
  return {
    endpoint: origin,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
