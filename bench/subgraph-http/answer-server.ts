// A subgraph that costs nothing: answers every POST with the same JSON, on keep-alive sockets.
import { createServer } from 'node:http';

const size = Number(process.argv[2] ?? 4096);
const item = { __typename: 'Product', upc: '1', name: 'Table', price: 899, weight: 100 };
const items: unknown[] = [];
while (JSON.stringify(items).length < size) items.push(item);
const answer = Buffer.from(JSON.stringify({ data: { _entities: items } }));

const server = createServer((req, res) => {
  req.resume();
  req.once('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer));
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port, bytes: answer.length }));
process.on('message', () => server.close(() => process.exit(0)));
