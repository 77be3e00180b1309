import { serveSubgraph } from '@tributary/service-kit/subgraph';
import { paymentsSubgraph } from './app.ts';
import { readConfig } from './config.ts';

const config = readConfig();
await serveSubgraph(paymentsSubgraph(config.SEED_CREDIT_CENTS), config);
