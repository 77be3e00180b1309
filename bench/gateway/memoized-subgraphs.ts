import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type GraphQLSchema } from 'graphql';
import { benchmarkSubgraphs } from './subgraphs/subgraphs.ts';

export interface MemoizedSubgraphs {
  /** Subgraph name → its URL on 127.0.0.1. */
  urls: Record<string, string>;
  /** Requests each subgraph received so far. */
  requests(): Record<string, number>;
  stop(): Promise<void>;
}

/** Executes a request body once per distinct body; later ones get the stored bytes. */
function memoizedListener(schema: GraphQLSchema, counted: () => void) {
  const answers = new Map<string, Buffer>();
  const compute = async (body: string): Promise<Buffer> => {
    const { query, variables, operationName } = JSON.parse(body) as { query: string; variables?: Record<string, unknown>; operationName?: string };
    const result = await execute({ schema, document: parse(query), variableValues: variables ?? null, operationName: operationName ?? null });
    return Buffer.from(JSON.stringify(result));
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    counted();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0]!.toString('latin1') : Buffer.concat(chunks).toString('latin1');
      const known = answers.get(body);
      const send = (answer: Buffer) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
        res.end(answer);
      };
      if (known) return send(known);
      compute(Buffer.from(body, 'latin1').toString('utf8')).then(
        (answer) => {
          answers.set(body, answer);
          send(answer);
        },
        (error: Error) => {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: error.message }] }));
        },
      );
    });
  };
}

/**
 * The benchmark's four subgraphs on free ports, each answering from memoized responses per
 * request body (executed with graphql-js the first time), so that the gateway is what costs.
 */
export async function serveMemoizedSubgraphs(): Promise<MemoizedSubgraphs> {
  const counts: Record<string, number> = {};
  const servers: Server[] = [];
  const urls: Record<string, string> = {};
  for (const { name, sdl, resolvers } of benchmarkSubgraphs) {
    counts[name] = 0;
    const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
    const server = createServer(memoizedListener(schema, () => (counts[name] = counts[name]! + 1)));
    // Gateways keep sockets idle up to 30 s and more: never close one under them.
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${name}`;
  }
  return {
    urls,
    requests: () => ({ ...counts }),
    stop: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
