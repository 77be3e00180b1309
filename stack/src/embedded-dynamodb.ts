import type { AddressInfo, Server } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

export interface EmbeddedDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** dynalite: the DynamoDB API in memory (no transactions, PartiQL or TTL; tables ACTIVE at once). */
export async function startEmbeddedDynamo(): Promise<EmbeddedDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
