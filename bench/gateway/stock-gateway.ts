// Stock @apollo/gateway behind @apollo/server's standalone HTTP server, as its docs set it up:
// `node --import tsx stock-gateway.ts <supergraph file> <port>`.
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const [supergraphPath, port] = process.argv.slice(2);
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: readFileSync(supergraphPath!, 'utf8') }) });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(port) } });
console.log(JSON.stringify({ msg: 'stock gateway listening', url }));
