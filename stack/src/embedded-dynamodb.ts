import { createRequire } from 'node:module';
import type { Server } from 'node:net';
import { listen } from '@tributary/service-kit';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

export interface EmbeddedDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** dynalite: the DynamoDB API in memory (no transactions, PartiQL or TTL; tables ACTIVE at once). */
export async function startEmbeddedDynamo(): Promise<EmbeddedDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const { origin } = await listen(server, 0, '127.0.0.1');
  return {
    endpoint: origin,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
