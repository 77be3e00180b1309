// Starts both example subgraphs: catalog on :4101, ratings on :4102 (see supergraph.yaml).
import { createServer } from 'node:http';
import { catalog } from './catalog.ts';
import { ratings } from './ratings.ts';

createServer(catalog).listen(4101, () => console.log('catalog  http://localhost:4101/graphql'));
createServer(ratings).listen(4102, () => console.log('ratings  http://localhost:4102/graphql'));
