import { serveSubgraph } from '@tributary/service-kit/subgraph';
import { subgraph } from './app.ts';
import { readConfig } from './config.ts';

await serveSubgraph(subgraph, readConfig());
